package dev.skewguard.collector.transport;

import java.util.concurrent.TimeUnit;

/**
 * When a stream sends its next cumulative Ack (the protocol lets the collector coalesce them): at once after every
 * {@code everyBatches} counted batches, otherwise at most {@code delayNanos} after the first batch it has not yet
 * acknowledged (a timer). One Ack per batch would cost a message and a wake-up on both sides per batch. An agent that
 * says how many batches it holds unacknowledged at most (Hello.max_unacknowledged) is acknowledged once half of
 * that waits (at most every {@link #MAX_EVERY_BATCHES}) or within {@link #DELAY_NANOS}: it never stalls for want of
 * an Ack, and a busy one gets few. One that does not say gets the cautious {@link #UNKNOWN_WINDOW_EVERY_BATCHES} /
 * {@link #UNKNOWN_WINDOW_DELAY_NANOS}. The first batches of a stream are acknowledged at once: the agent learns without
 * delay that its job reached the collector. Not thread-safe: its stream serializes the calls.
 */
public final class AckCoalescing {
    static final int MAX_EVERY_BATCHES = 128;
    static final long DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    public static final int UNKNOWN_WINDOW_EVERY_BATCHES = 32;
    static final long UNKNOWN_WINDOW_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /** What the stream does after counting a batch. */
    enum Next { SEND_NOW, START_TIMER, WAIT }

    private final int everyBatches;
    private final long delayNanos;
    private int sinceLastAck;
    private boolean timerRunning;
    private boolean everSent;

    AckCoalescing(int everyBatches, long delayNanos) {
        if (everyBatches < 1) {
            throw new IllegalArgumentException("everyBatches must be at least 1, got " + everyBatches);
        }
        this.everyBatches = everyBatches;
        this.delayNanos = delayNanos;
    }

    /** For an agent whose Hello.max_unacknowledged is {@code window} (0: it did not say). */
    static AckCoalescing forWindow(long window) {
        if (window <= 0) {
            return new AckCoalescing(UNKNOWN_WINDOW_EVERY_BATCHES, UNKNOWN_WINDOW_DELAY_NANOS);
        }
        return new AckCoalescing((int) Math.max(1, Math.min(MAX_EVERY_BATCHES, window / 2)), DELAY_NANOS);
    }

    int everyBatches() {
        return everyBatches;
    }

    /** How long after the first unacknowledged batch the timer sends the Ack. */
    long delayNanos() {
        return delayNanos;
    }

    /** {@code batches} batches (one message) were counted or recognised as duplicates: their Ack is owed. */
    Next counted(int batches) {
        sinceLastAck += batches;
        if (sinceLastAck >= everyBatches || !everSent) {
            return Next.SEND_NOW;
        }
        if (!timerRunning) {
            timerRunning = true;
            return Next.START_TIMER;
        }
        return Next.WAIT;
    }

    /** The timer started by {@link Next#START_TIMER} fired (or could not be started): the owed Ack is due now. */
    void timerFired() {
        timerRunning = false;
    }

    /** An Ack covering everything counted so far was sent. */
    void sent() {
        sinceLastAck = 0;
        everSent = true;
    }
}
