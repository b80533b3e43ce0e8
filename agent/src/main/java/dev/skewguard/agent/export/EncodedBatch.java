package dev.skewguard.agent.export;

import dev.skewguard.agent.capture.BatchCounts;

/**
 * One batch as it goes on the wire: its sequence number and the bytes of its protocol {@code Batch} message, with
 * what the sender needs to know of it without decoding it again. Held in the resend window until acknowledged; sent,
 * and on a new connection sent again, without encoding it again.
 *
 * @param sequence the batch's sequence number (as in its bytes)
 * @param bytes the serialized {@code skewguard.v1.Batch}; never changed
 * @param labels how many labels it carries
 * @param maxLabel its largest label (class id), -1 if it has none
 * @param modeBit 1 << the ordinal of its CaptureMode
 * @param tally the counts of the instrumentation that captured it (sent, counted, dropped)
 */
record EncodedBatch(long sequence, byte[] bytes, int labels, int maxLabel, int modeBit, BatchCounts.Tally tally) {
    /** A batch with no labels (in tests of the framing). */
    EncodedBatch(long sequence, byte[] bytes) {
        this(sequence, bytes, 0, -1, 0);
    }

    /** A batch counted nowhere (in tests). */
    EncodedBatch(long sequence, byte[] bytes, int labels, int maxLabel, int modeBit) {
        this(sequence, bytes, labels, maxLabel, modeBit, new BatchCounts.Tally());
    }

    int size() {
        return bytes.length;
    }
}
