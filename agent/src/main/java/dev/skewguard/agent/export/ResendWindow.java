package dev.skewguard.agent.export;

import java.util.ArrayList;
import java.util.List;

/**
 * The batches the sender has numbered and encoded but the collector has not yet acknowledged, in sequence order:
 * the unsent ones at the end. They are written in groups ({@link BatchGrouping}), released by the collector's
 * cumulative Acks, and after a reconnect written again from the first one the collector has not counted
 * (Welcome.last_counted_sequence). Each batch's tally counts it as sent when it is first written and as counted when
 * it is released. Sender thread only.
 */
final class ResendWindow {
    private final List<EncodedBatch> held = new ArrayList<>();
    private long nextSequence = 1;
    /** Index in {@link #held} of the first batch not yet written on the current stream. */
    private int firstUnsent;
    private long unsentBytes;
    /** The highest sequence written at least once (a batch written again after a reconnect is sent once). */
    private long highestWritten;

    /** Numbers the next batch: the sequence number to encode it with. */
    long nextSequence() {
        return nextSequence;
    }

    /** Holds a batch encoded with {@link #nextSequence()}; it is unsent. */
    void add(EncodedBatch batch) {
        held.add(batch);
        unsentBytes += batch.size();
        nextSequence++;
    }

    /** Drops the batches the collector counted, through {@code countedThrough}. */
    void release(long countedThrough) {
        int n = 0;
        while (n < held.size() && held.get(n).sequence() <= countedThrough) {
            n++;
        }
        if (n > 0) {
            for (int i = 0; i < n; i++) {
                held.get(i).tally().counted();
            }
            held.subList(0, n).clear();
            if (firstUnsent < n) {
                // Counted before they were written on this stream (a Welcome after a reconnect): never resent.
                firstUnsent = 0;
                unsentBytes = bytesFrom(0);
            } else {
                firstUnsent -= n;
            }
        }
    }

    /** A new stream: everything held is unsent again. */
    void rewind() {
        firstUnsent = 0;
        unsentBytes = bytesFrom(0);
    }

    /** The next message: as many unsent batches as {@link BatchGrouping} puts in one, now counted as written. */
    byte[] nextMessage() {
        int end = BatchGrouping.groupEnd(held, firstUnsent);
        byte[] message = BatchGrouping.message(held.subList(firstUnsent, end));
        for (int i = firstUnsent; i < end; i++) {
            EncodedBatch b = held.get(i);
            unsentBytes -= b.size();
            if (b.sequence() > highestWritten) {
                highestWritten = b.sequence();
                b.tally().sent();
            }
        }
        firstUnsent = end;
        return message;
    }

    /**
     * What the held batches above {@code countedThrough} (written or not) carry: whether they are all within
     * {@code headroom}. Unknown headroom covers nothing.
     */
    boolean coveredBy(Headroom headroom) {
        return spareLabels(headroom) >= 0;
    }

    /**
     * How many more labels {@code headroom} spares beyond the held batches above its counted_through, or -1 if they
     * are not all within it (or it is unknown).
     */
    long spareLabels(Headroom headroom) {
        if (!headroom.known()) {
            return -1;
        }
        long labels = 0;
        int maxLabel = -1;
        int modes = 0;
        for (int i = held.size() - 1; i >= 0; i--) {
            EncodedBatch b = held.get(i);
            if (b.sequence() <= headroom.countedThrough()) {
                break;
            }
            labels += b.labels();
            maxLabel = Math.max(maxLabel, b.maxLabel());
            modes |= b.modeBit();
        }
        return headroom.spareBeyond(labels, maxLabel, modes);
    }

    int unsentBatches() {
        return held.size() - firstUnsent;
    }

    long unsentBytes() {
        return unsentBytes;
    }

    /** Batches held: written or not, none acknowledged. */
    int size() {
        return held.size();
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /**
     * Forgets everything held and numbers from 1 again (a new instance). The held batches count as counted (the
     * collector confirmed them all) or as dropped. Returns how many were held.
     */
    int reset(boolean counted) {
        int n = held.size();
        for (EncodedBatch b : held) {
            if (counted) {
                b.tally().counted();
            } else {
                b.tally().dropped();
            }
        }
        held.clear();
        firstUnsent = 0;
        unsentBytes = 0;
        nextSequence = 1;
        highestWritten = 0;
        return n;
    }

    private long bytesFrom(int index) {
        long sum = 0;
        for (int i = index; i < held.size(); i++) {
            sum += held.get(i).size();
        }
        return sum;
    }
}
