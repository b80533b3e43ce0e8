package dev.skewguard.agent.export;

/**
 * When the sender sends the batches it holds and has not sent yet. A message costs both sides far more than the
 * batches in it (a wake-up of each thread on the way, HTTP/2 framing, an Ack back), so while batches keep coming the
 * sender sends at most one message per {@code send_interval}, with everything that gathered meanwhile; a batch waits
 * at most that long. The first batch after a quiet spell goes at once (the interval since the last message has
 * passed), so a job's first batches, and a batch that comes alone, reach the collector without delay. A full
 * message's worth goes at once too, and at exit everything does. Plain logic on the times it is given; sender thread
 * only.
 */
final class SendSchedule {
    /** Unsent bytes that make a message worth sending before the interval is up (half the largest message). */
    static final long EARLY_BYTES = BatchGrouping.MAX_MESSAGE_BYTES / 2;
    /** Unsent batches that make a message worth sending before the interval is up. */
    static final int EARLY_BATCHES = BatchGrouping.MAX_BATCHES_PER_MESSAGE / 2;

    private final long intervalNanos;
    private long lastSentNanos;

    /** {@code intervalNanos} 0: every batch is sent as soon as the sender sees it. */
    SendSchedule(long intervalNanos, long nowNanos) {
        this.intervalNanos = intervalNanos;
        this.lastSentNanos = nowNanos - intervalNanos;
    }

    /** Whether the unsent batches go now. */
    boolean due(long nowNanos, int unsentBatches, long unsentBytes, boolean closing) {
        return unsentBatches > 0 && (closing || nowNanos - lastSentNanos >= intervalNanos
                || unsentBatches >= EARLY_BATCHES || unsentBytes >= EARLY_BYTES);
    }

    /** How long until the interval since the last message is up (0 if it is). */
    long nanosUntilDue(long nowNanos) {
        return Math.max(0, lastSentNanos + intervalNanos - nowNanos);
    }

    /** Everything unsent was just written. */
    void sent(long nowNanos) {
        lastSentNanos = nowNanos;
    }
}
