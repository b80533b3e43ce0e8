package dev.skewguard.agent.export;

import java.util.concurrent.TimeUnit;

/**
 * When the sender sends the batches it holds and has not sent yet. A message costs both sides far more than the
 * batches in it (a wake-up of each thread on the way, HTTP/2 framing, an Ack back), so while batches keep coming the
 * sender sends at most one message per interval, with everything that gathered meanwhile:
 * <ul>
 *   <li>{@code send_interval} while the batches it holds might make the job's rule fire (or the collector did not
 *   say): the batch that could fire it waits at most that long;</li>
 *   <li>{@link #RELAXED_INTERVAL_NANOS} while the collector's last Ack says they cannot ({@link Headroom}): a job
 *   far from a verdict sends a few messages a second, and the sender sleeps meanwhile; the first batch that goes
 *   past the headroom wakes it (see {@code BatchQueue#senderParkingWithin}), so it waits no longer than it would
 *   without the headroom.</li>
 * </ul>
 * The first batch after a quiet spell goes at once (the interval since the last message has passed), so a job's
 * first batches, and a batch that comes alone, reach the collector without delay. Half a message's worth goes at
 * once too, and at exit everything does. Plain logic on the times it is given; sender thread only.
 */
final class SendSchedule {
    /** Unsent bytes that make a message worth sending before the interval is up (half the largest message). */
    static final long EARLY_BYTES = BatchGrouping.MAX_MESSAGE_BYTES / 2;
    /** Unsent batches that make a message worth sending before the interval is up. */
    static final int EARLY_BATCHES = BatchGrouping.MAX_BATCHES_PER_MESSAGE / 2;
    /** The pace while the collector says the job is far from a verdict. */
    static final long RELAXED_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final long intervalNanos;
    private final long relaxedNanos;
    private long lastSentNanos;

    /** {@code intervalNanos} 0: every batch is sent as soon as the sender sees it. */
    SendSchedule(long intervalNanos, long nowNanos) {
        this.intervalNanos = intervalNanos;
        this.relaxedNanos = Math.max(intervalNanos, RELAXED_INTERVAL_NANOS);
        this.lastSentNanos = nowNanos - relaxedNanos;
    }

    /** Whether the unsent batches go now; {@code spare}: the collector's headroom covers them. */
    boolean due(long nowNanos, int unsentBatches, long unsentBytes, boolean closing, boolean spare) {
        return unsentBatches > 0 && (closing || nowNanos - lastSentNanos >= (spare ? relaxedNanos : intervalNanos)
                || unsentBatches >= EARLY_BATCHES || unsentBytes >= EARLY_BYTES);
    }

    /**
     * How long until the interval since the last message is up (0: the unsent batches are due): the relaxed one
     * while everything held is within the collector's headroom ({@code relaxed}), else {@code send_interval}.
     */
    long nanosUntilDue(long nowNanos, boolean relaxed) {
        return Math.max(0, lastSentNanos + (relaxed ? relaxedNanos : intervalNanos) - nowNanos);
    }

    /** Everything unsent was just written. */
    void sent(long nowNanos) {
        lastSentNanos = nowNanos;
    }
}
