package dev.skewguard.agent.export;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.capture.BatchQueue;
import dev.skewguard.agent.report.FlushOutcome;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The sender's life and its end at JVM exit, shared by the sender thread, the training thread that captures the
 * first batch and the shutdown hook. Names no gRPC type. The sender thread may start early (the warm-up) but waits
 * here for the first batch before it connects; the exit flush waits only for a sender that has something to send.
 */
final class SenderLifecycle {
    private final double flushTimeoutSeconds;
    private final String endpoint;
    private volatile Thread sender;
    private volatile boolean closing;
    private volatile long flushDeadlineNanos;
    private volatile boolean finished;
    private volatile long finishedNanos;
    private volatile boolean everConnected;
    /** Why the collector last refused the agent itself (a limit, a token), if it did: it was reached. */
    private volatile String refused;
    private volatile boolean firstBatch;
    private volatile long firstBatchNanos;
    private volatile boolean acknowledged;
    private volatile boolean helloSent;
    private volatile boolean connectEarly;
    private final BatchQueue queue;

    SenderLifecycle(double flushTimeoutSeconds, String endpoint, BatchQueue queue) {
        this.flushTimeoutSeconds = flushTimeoutSeconds;
        this.endpoint = endpoint;
        this.queue = queue;
    }

    /** An instrumented framework loaded and connect_early is on: the sender may connect before the first batch. */
    void connectEarly() {
        connectEarly = true;
        wakeUp();
    }

    /** A batch was captured: the sender may connect. */
    void firstBatch() {
        firstBatchNanos = System.nanoTime();
        firstBatch = true;
        wakeUp();
    }

    /** The collector acknowledged batches (the transport's thread): the first time, a debug line says when. */
    void acknowledged() {
        if (!acknowledged) {
            acknowledged = true;
            AgentLog.debug("first Ack from the collector " + String.format(Locale.ROOT, "%.1f",
                    (System.nanoTime() - firstBatchNanos) / 1e6) + " ms after the first captured batch");
        }
    }

    boolean firstBatchCaptured() {
        return firstBatch;
    }

    /** Sender thread: parks until the first batch is captured (the thread is a daemon: it holds no JVM open). */
    void awaitFirstBatch() {
        while (!firstBatch && !connectEarly) {
            LockSupport.park(this);
        }
    }

    /** Sender thread: about to open a stream and say Hello. */
    void helloSent() {
        helloSent = true;
    }

    /** Nothing captured is waiting and the collector was never spoken to: the exit flush has nothing to do. */
    boolean nothingToFlush() {
        // A sender that connected early and captured nothing has only its Goodbye to say: if it never reached the
        // collector, there is nothing to wait for.
        return queue.isEmpty() && (!helloSent || (!firstBatch && !everConnected));
    }

    void sender(Thread thread) {
        this.sender = thread;
    }

    /** True once the JVM is exiting: flush what is held, then say Goodbye. */
    boolean closing() {
        return closing;
    }

    /** Whether the exit flush is out of time (only meaningful once closing). */
    boolean flushTimeUp() {
        return closing && System.nanoTime() - flushDeadlineNanos >= 0;
    }

    long flushDeadlineNanos() {
        return flushDeadlineNanos;
    }

    void connected() {
        everConnected = true;
    }

    boolean everConnected() {
        return everConnected;
    }

    /**
     * The collector answered but refused the agent itself (a limit, a token, an instance it still sees): the exit
     * report says so rather than that it was unreachable.
     */
    void refused(String why) {
        refused = why;
    }

    /** The sender ends. */
    void finished() {
        finishedNanos = System.nanoTime();
        finished = true;
    }

    void wakeUp() {
        Thread t = sender;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * The shutdown hook: lets the sender flush for at most flush_timeout, then returns why what the collector did
     * not confirm was not confirmed (the exit report counts it).
     */
    FlushOutcome flushAtExit() {
        Thread t = sender;
        if (finished || t == null || nothingToFlush()) {
            return FlushOutcome.NONE;
        }
        long timeoutNanos = (long) (flushTimeoutSeconds * 1e9);
        flushDeadlineNanos = System.nanoTime() + timeoutNanos;
        closing = true;
        wakeUp();
        try {
            t.join(TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + 700);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String timeout = "flush_timeout=" + AgentLog.seconds(flushTimeoutSeconds) + " s";
        if (!everConnected) {
            String why = refused;
            return why == null ? new FlushOutcome("the collector at " + endpoint + " was unreachable until " + timeout
                    + " ran out", true)
                    : new FlushOutcome("the collector at " + endpoint + " refused the agent (" + why + ") until "
                            + timeout + " ran out", true);
        }
        if (!finished) {
            return new FlushOutcome("the collector at " + endpoint + " stopped answering and " + timeout
                    + " ran out before it confirmed them (raise flush_timeout, or check the collector)", false);
        }
        if (finishedNanos - flushDeadlineNanos < 0) {
            return new FlushOutcome("they were captured while the JVM exited, after the sender's last flush", false);
        }
        return new FlushOutcome(timeout + " ran out before the collector at " + endpoint + " confirmed them (the"
                + " connection was lost or the collector was slow; raise flush_timeout, or check the collector)",
                false);
    }
}
