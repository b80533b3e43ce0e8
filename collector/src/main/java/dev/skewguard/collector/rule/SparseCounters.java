package dev.skewguard.collector.rule;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Counters for class ids too large for dense arrays: an open-addressing hash table (linear probing, at most half
 * full) from class id to slot, with the counters in parallel primitive arrays. No boxing, no allocation per label.
 */
final class SparseCounters implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long EMPTY = -1; // class ids are never negative

    private long[] keys = newKeys(16);
    private long[] counts = new long[16];
    private long[] mispredicted = new long[16];
    private long[] unpredicted = new long[16];
    private WindowRing[] rings = new WindowRing[16];
    private int size;

    private static long[] newKeys(int capacity) {
        long[] keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        return keys;
    }

    /** Counts one label of class {@code id}; with {@code window} > 0 also in the class's window. */
    void count(long id, boolean wrong, int window) {
        int slot = slotFor(id);
        counts[slot]++;
        if (wrong) {
            mispredicted[slot]++;
        }
        if (window > 0) {
            WindowRing ring = rings[slot];
            if (ring == null) {
                ring = rings[slot] = new WindowRing(window);
            }
            ring.add(wrong);
        }
    }

    /** Counts one label of class {@code id} that came without a prediction (for the imbalance check only). */
    void countUnpredicted(long id) {
        int slot = slotFor(id);
        counts[slot]++;
        unpredicted[slot]++;
    }

    int size() {
        return size;
    }

    boolean contains(long id) {
        return find(id) >= 0;
    }

    /** The slot of {@code id}, or -1. */
    int find(long id) {
        int mask = keys.length - 1;
        for (int i = hash(id) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == id) {
                return i;
            }
            if (k == EMPTY) {
                return -1;
            }
        }
    }

    /** Slots in use are those whose {@link #key} is not negative; iterate 0..{@link #capacity()}-1. */
    int capacity() {
        return keys.length;
    }

    long key(int slot) {
        return keys[slot];
    }

    long count(int slot) {
        return counts[slot];
    }

    long mispredicted(int slot) {
        return mispredicted[slot];
    }

    /** Labels of the slot's class that came without a prediction. */
    long unpredicted(int slot) {
        return unpredicted[slot];
    }

    /** The slot's window, or null without one. */
    WindowRing ring(int slot) {
        return rings[slot];
    }

    private int slotFor(long id) {
        int mask = keys.length - 1;
        int i = hash(id) & mask;
        while (true) {
            long k = keys[i];
            if (k == id) {
                return i;
            }
            if (k == EMPTY) {
                if (2 * (size + 1) > keys.length) {
                    grow();
                    return slotFor(id);
                }
                keys[i] = id;
                size++;
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldCounts = counts;
        long[] oldWrong = mispredicted;
        long[] oldUnpredicted = unpredicted;
        WindowRing[] oldRings = rings;
        int capacity = oldKeys.length * 2;
        keys = newKeys(capacity);
        counts = new long[capacity];
        mispredicted = new long[capacity];
        unpredicted = new long[capacity];
        rings = new WindowRing[capacity];
        int mask = capacity - 1;
        for (int s = 0; s < oldKeys.length; s++) {
            long k = oldKeys[s];
            if (k == EMPTY) {
                continue;
            }
            int i = hash(k) & mask;
            while (keys[i] != EMPTY) {
                i = (i + 1) & mask;
            }
            keys[i] = k;
            counts[i] = oldCounts[s];
            mispredicted[i] = oldWrong[s];
            unpredicted[i] = oldUnpredicted[s];
            rings[i] = oldRings[s];
        }
    }

    private static int hash(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
