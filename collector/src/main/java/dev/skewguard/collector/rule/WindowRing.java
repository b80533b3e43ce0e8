package dev.skewguard.collector.rule;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The last {@code capacity} misprediction flags of one class, one bit each, and how many of them are set. Storage
 * grows with the labels actually seen, so a large window costs nothing until it fills.
 */
final class WindowRing implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int capacity;
    private long[] bits = new long[1];
    private int size;
    private int head;
    private long ones;

    WindowRing(int capacity) {
        this.capacity = capacity;
    }

    void add(boolean mispredicted) {
        if (size < capacity) {
            int word = size >>> 6;
            if (word == bits.length) {
                int words = (capacity + 63) >>> 6;
                bits = Arrays.copyOf(bits, Math.min(words, bits.length * 2));
            }
            if (mispredicted) {
                bits[word] |= 1L << size;
                ones++;
            }
            size++;
            return;
        }
        int word = head >>> 6;
        long mask = 1L << head;
        boolean old = (bits[word] & mask) != 0;
        if (old != mispredicted) {
            bits[word] ^= mask;
            ones += mispredicted ? 1 : -1;
        }
        head = head + 1 == capacity ? 0 : head + 1;
    }

    /** Labels in the window (at most the capacity). */
    long size() {
        return size;
    }

    /** Mispredicted labels in the window. */
    long ones() {
        return ones;
    }
}
