package dev.skewguard.collector.rule;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-class counters of one mode. Class ids below {@link #DENSE_LIMIT} are counted in dense arrays that grow to the
 * largest such id seen; larger ids go to {@link SparseCounters}, so memory follows the number of classes, not the
 * largest id.
 */
final class ModeState implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Class ids below this are counted in arrays (at most about 1 MiB per mode); larger ones in a hash table. */
    static final int DENSE_LIMIT = 1 << 16;

    final Mode mode;
    private final int window;
    long samples;
    long records;

    private long[] counts = new long[16];
    private long[] mispredicted = new long[16];
    /** Labels counted without a prediction, per dense id; null until a record with labels only comes. */
    private long[] unpredicted;
    private WindowRing[] rings;
    /** Dense ids seen, in the order first seen, and a flag per dense id. */
    private int[] seen = new int[16];
    private boolean[] seenFlags = new boolean[16];
    private int seenSize;
    private final SparseCounters sparse = new SparseCounters();

    ModeState(Mode mode, int window) {
        this.mode = mode;
        this.window = window;
        this.rings = window > 0 ? new WindowRing[16] : null;
    }

    /**
     * Counts {@code n} pairs of UINT8 class ids read from the two buffers (positions 0..n-1): the hot path.
     *
     * <p>Eight labels and eight predictions are read at a time as two longs. Each label byte increments its
     * class's count; only the bytes where the two longs differ (mispredictions, usually few) touch the mispredicted
     * counters. Classes seen for the first time are found after the loop, among the ids below the highest bit set
     * in any label, so the loop itself has no per-label branch.
     */
    void countUint8(ByteBuffer labels, ByteBuffer predictions, int n) {
        if (window > 0) {
            for (int i = 0; i < n; i++) {
                count(labels.get(i) & 0xFF, predictions.get(i) & 0xFF);
            }
            return;
        }
        ensureDense(256);
        long[] c = counts;
        long[] m = mispredicted;
        long bits = 0;
        int i = 0;
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            long l = labels.getLong(i);
            long p = predictions.getLong(i);
            bits |= l;
            c[(int) l & 0xFF]++;
            c[(int) (l >>> 8) & 0xFF]++;
            c[(int) (l >>> 16) & 0xFF]++;
            c[(int) (l >>> 24) & 0xFF]++;
            c[(int) (l >>> 32) & 0xFF]++;
            c[(int) (l >>> 40) & 0xFF]++;
            c[(int) (l >>> 48) & 0xFF]++;
            c[(int) (l >>> 56)]++;
            for (long diff = l ^ p; diff != 0; ) {
                int shift = Long.numberOfTrailingZeros(diff) & ~7;
                m[(int) (l >>> shift) & 0xFF]++;
                diff &= ~(0xFFL << shift);
            }
        }
        for (; i < n; i++) {
            int label = labels.get(i) & 0xFF;
            bits |= label;
            c[label]++;
            if (label != (predictions.get(i) & 0xFF)) {
                m[label]++;
            }
        }
        int anyBit = (int) (bits | bits >>> 8 | bits >>> 16 | bits >>> 24 | bits >>> 32 | bits >>> 40 | bits >>> 48
                | bits >>> 56) & 0xFF;
        int end = anyBit == 0 ? 1 : Integer.highestOneBit(anyBit) << 1;
        boolean[] flags = seenFlags;
        for (int id = 0; id < end; id++) {
            if (!flags[id] && c[id] != 0) {
                markSeen(id);
            }
        }
        samples += n;
    }

    /** Counts {@code n} labels (valid class ids) and their predicted classes. */
    void countIds(long[] labels, long[] predictions, int n) {
        if (window > 0) {
            for (int i = 0; i < n; i++) {
                count(labels[i], predictions[i]);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            long label = labels[i];
            long[] c = counts;
            if (label < c.length) {
                int id = (int) label;
                if (c[id]++ == 0) {
                    markSeen(id);
                }
                mispredicted[id] += label != predictions[i] ? 1 : 0;
                samples++;
            } else {
                count(label, predictions[i]);
            }
        }
    }

    /** Counts one label (a valid class id) and its predicted class. */
    void count(long label, long prediction) {
        boolean wrong = label != prediction;
        if (label < DENSE_LIMIT) {
            int id = (int) label;
            if (id >= counts.length) {
                ensureDense(id + 1);
            }
            if (counts[id]++ == 0) {
                markSeen(id);
            }
            if (wrong) {
                mispredicted[id]++;
            }
            if (window > 0) {
                WindowRing ring = rings[id];
                if (ring == null) {
                    ring = rings[id] = new WindowRing(window);
                }
                ring.add(wrong);
            }
        } else {
            sparse.count(label, wrong, window);
        }
        samples++;
    }

    /**
     * Counts {@code n} labels (valid class ids) that came without predictions: they count for the imbalance check
     * and the samples gate; the misprediction check does not see them.
     */
    void countUnpredicted(long[] labels, int n) {
        for (int i = 0; i < n; i++) {
            long label = labels[i];
            if (label < DENSE_LIMIT) {
                int id = (int) label;
                if (id >= counts.length) {
                    ensureDense(id + 1);
                }
                if (unpredicted == null) {
                    unpredicted = new long[counts.length];
                }
                if (counts[id]++ == 0) {
                    markSeen(id);
                }
                unpredicted[id]++;
            } else {
                sparse.countUnpredicted(label);
            }
            samples++;
        }
    }

    /** Labels of dense class {@code id} counted with a prediction. */
    private long withPredictions(int id) {
        return unpredicted == null ? counts[id] : counts[id] - unpredicted[id];
    }

    private void ensureDense(int length) {
        if (length <= counts.length) {
            return;
        }
        int newLength = Math.min(DENSE_LIMIT, Math.max(length, Integer.highestOneBit(length - 1) << 1));
        counts = Arrays.copyOf(counts, newLength);
        mispredicted = Arrays.copyOf(mispredicted, newLength);
        seenFlags = Arrays.copyOf(seenFlags, newLength);
        if (unpredicted != null) {
            unpredicted = Arrays.copyOf(unpredicted, newLength);
        }
        if (rings != null) {
            rings = Arrays.copyOf(rings, newLength);
        }
    }

    private void markSeen(int id) {
        seenFlags[id] = true;
        if (seenSize == seen.length) {
            seen = Arrays.copyOf(seen, seenSize * 2);
        }
        seen[seenSize++] = id;
    }

    /** Number of distinct classes seen. */
    /** The misprediction window (0: every label). */
    int window() {
        return window;
    }

    int classesSeen() {
        return seenSize + sparse.size();
    }

    /** Visits every class seen, in no particular order. */
    void forEachSeen(ClassVisitor visitor) {
        for (int i = 0; i < seenSize; i++) {
            int id = seen[i];
            WindowRing ring = rings == null ? null : rings[id];
            long judged = withPredictions(id);
            visitor.visit(id, counts[id], judged, mispredicted[id], ring == null ? judged : ring.size(),
                    ring == null ? mispredicted[id] : ring.ones());
        }
        for (int slot = 0, n = sparse.capacity(); slot < n; slot++) {
            long id = sparse.key(slot);
            if (id < 0) {
                continue;
            }
            WindowRing ring = sparse.ring(slot);
            long count = sparse.count(slot);
            long judged = count - sparse.unpredicted(slot);
            long wrong = sparse.mispredicted(slot);
            visitor.visit(id, count, judged, wrong, ring == null ? judged : ring.size(),
                    ring == null ? wrong : ring.ones());
        }
    }

    /** Bit of {@link #check}'s result: the imbalance check fired. */
    static final int IMBALANCE = 1;
    /** Bit of {@link #check}'s result: the misprediction check fired. */
    static final int MISPREDICTION = 2;

    /**
     * Runs both checks over the classes taking part: those seen, plus, when {@code numClasses} > 0, the ones of
     * 0..numClasses-1 never seen (count 0). Returns {@link #IMBALANCE} and/or {@link #MISPREDICTION} bits.
     */
    int check(Threshold imbalance, Threshold misprediction, int numClasses) {
        long max = 0;
        long min = Long.MAX_VALUE;
        boolean wrong = false;
        for (int i = 0; i < seenSize; i++) {
            int id = seen[i];
            long c = counts[id];
            max = Math.max(max, c);
            min = Math.min(min, c);
            if (!wrong) {
                WindowRing ring = rings == null ? null : rings[id];
                wrong = ring == null ? misprediction.exceeded(mispredicted[id], withPredictions(id))
                        : misprediction.exceeded(ring.ones(), ring.size());
            }
        }
        if (sparse.size() > 0) {
            for (int slot = 0, n = sparse.capacity(); slot < n; slot++) {
                if (sparse.key(slot) < 0) {
                    continue;
                }
                long c = sparse.count(slot);
                max = Math.max(max, c);
                min = Math.min(min, c);
                if (!wrong) {
                    WindowRing ring = sparse.ring(slot);
                    wrong = ring == null
                            ? misprediction.exceeded(sparse.mispredicted(slot), c - sparse.unpredicted(slot))
                            : misprediction.exceeded(ring.ones(), ring.size());
                }
            }
        }
        if (max == 0) {
            return 0;
        }
        if (numClasses > classesSeen()) {
            min = 0;
        }
        return (imbalance.exceeded(max, min) ? IMBALANCE : 0) | (wrong ? MISPREDICTION : 0);
    }

    /** The number of class ids 0, 1, 2, ... seen without a gap in this mode. */
    long contiguousClassesSeen() {
        long n = 0;
        while (n < seenFlags.length && seenFlags[(int) n]) {
            n++;
        }
        return n;
    }

    /** The misprediction check for one class (over its window when one is set); false for a class never seen. */
    boolean mispredicted(long id, Threshold threshold) {
        if (id < DENSE_LIMIT) {
            if (id >= counts.length || counts[(int) id] == 0) {
                return false;
            }
            WindowRing ring = rings == null ? null : rings[(int) id];
            return ring == null ? threshold.exceeded(mispredicted[(int) id], withPredictions((int) id))
                    : threshold.exceeded(ring.ones(), ring.size());
        }
        int slot = sparse.find(id);
        if (slot < 0) {
            return false;
        }
        WindowRing ring = sparse.ring(slot);
        return ring == null
                ? threshold.exceeded(sparse.mispredicted(slot), sparse.count(slot) - sparse.unpredicted(slot))
                : threshold.exceeded(ring.ones(), ring.size());
    }
}
