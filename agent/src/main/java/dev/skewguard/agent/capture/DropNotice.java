package dev.skewguard.agent.capture;

import dev.skewguard.agent.AgentLog;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The lines that say captured batches are being dropped because the buffer is full: one when the drops start, then
 * at most one every {@link #INTERVAL_SECONDS} seconds while they go on, with the count since the previous line. The
 * total is in the exit summary. Called on the training thread that dropped the batch: a few atomic operations, and
 * a line only when one is due.
 */
final class DropNotice {
    static final long INTERVAL_SECONDS = 30;
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS);
    /** System.nanoTime (a class, not a method reference: created in premain). */
    static final LongSupplier NANO_TIME = new LongSupplier() {
        @Override
        public long getAsLong() {
            return System.nanoTime();
        }
    };
    private final String firstLine;
    private final Consumer<String> out;
    private final LongSupplier clock;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong sinceLine = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private volatile long nextLineAt;

    DropNotice(int capacity, boolean blockWhenFull, long blockTimeoutNanos, Consumer<String> out, LongSupplier clock) {
        this.firstLine = blockWhenFull
                ? "dropping captured batches: the buffer (buffer=" + capacity + ") stayed full for block_timeout="
                        + AgentLog.seconds(blockTimeoutNanos / 1e9) + " s (block_when_full=true): the collector is not taking them;"
                        + " until the sender takes batches again training goes on without waiting, and the drops"
                        + " are counted"
                : "dropping captured batches: the buffer (buffer=" + capacity + ") is full: the collector is not"
                        + " taking them fast enough or is unreachable; training goes on and the drops are counted"
                        + " (raise buffer, or set block_when_full=true to wait for room instead)";
        this.out = out;
        this.clock = clock;
    }

    /** A batch was dropped because the buffer was full. */
    void dropped() {
        long all = total.incrementAndGet();
        if (!started.get() && started.compareAndSet(false, true)) {
            nextLineAt = clock.getAsLong() + INTERVAL_NANOS;
            out.accept(firstLine);
            return;
        }
        sinceLine.incrementAndGet();
        long due = nextLineAt;
        long now = clock.getAsLong();
        if (now - due >= 0 && dueTaken(due, now)) {
            out.accept(sinceLine.getAndSet(0) + " more captured batches dropped in the last " + INTERVAL_SECONDS
                    + " s (" + all + " in all): the buffer is still full");
        }
    }

    /** Batches dropped because the buffer was full, in all. */
    long total() {
        return total.get();
    }

    private synchronized boolean dueTaken(long due, long now) {
        if (nextLineAt != due) {
            return false; // another thread printed it
        }
        nextLineAt = now + INTERVAL_NANOS;
        return true;
    }
}
