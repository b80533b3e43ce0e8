package dev.skewguard.collector.server;

import java.util.concurrent.TimeUnit;

/**
 * When a stream sends its next cumulative Ack (the protocol lets the collector coalesce them): at once after every
 * {@link #EVERY_BATCHES} counted batches, otherwise at most {@link #DELAY_NANOS} after the first batch it has not yet
 * acknowledged (a timer). One Ack per batch would cost a message and a wake-up of the agent's sender per batch; this
 * way an agent's resend buffer (its {@code buffer} option, at most that many unacknowledged batches) is released
 * every few batches or milliseconds, whichever comes first. Not thread-safe: its stream serializes the calls.
 */
final class AckCoalescing {
    static final int EVERY_BATCHES = 128;
    static final long DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** What the stream does after counting a batch. */
    enum Next { SEND_NOW, START_TIMER, WAIT }

    private final int everyBatches;
    private int sinceLastAck;
    private boolean timerRunning;

    AckCoalescing() {
        this(EVERY_BATCHES);
    }

    AckCoalescing(int everyBatches) {
        if (everyBatches < 1) {
            throw new IllegalArgumentException("everyBatches must be at least 1, got " + everyBatches);
        }
        this.everyBatches = everyBatches;
    }

    /** A batch was counted (or recognised as a duplicate): its Ack is owed. */
    Next counted() {
        return counted(1);
    }

    /** {@code batches} batches (one message) were counted or recognised as duplicates: their Ack is owed. */
    Next counted(int batches) {
        sinceLastAck += batches;
        if (sinceLastAck >= everyBatches) {
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
    }
}
