package dev.skewguard.agent.export;

import dev.skewguard.agent.AgentLog;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The sender's life and its end at JVM exit, shared by the sender thread and the shutdown hook. Names no gRPC
 * type: it is created on the training thread that captures the first batch, and its hook is registered there at
 * once, so that even a program that ends a moment later gets its exit flush.
 */
final class SenderLifecycle {
    private final double flushTimeoutSeconds;
    private final String endpoint;
    private volatile Thread sender;
    private volatile boolean closing;
    private volatile long flushDeadlineNanos;
    private volatile boolean finished;
    private volatile boolean everConnected;
    private volatile long heldAtEnd;

    SenderLifecycle(double flushTimeoutSeconds, String endpoint) {
        this.flushTimeoutSeconds = flushTimeoutSeconds;
        this.endpoint = endpoint;
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

    /** The sender ends; {@code held} batches were never sent. */
    void finished(long held) {
        heldAtEnd = held;
        finished = true;
    }

    void wakeUp() {
        Thread t = sender;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** The shutdown hook: lets the sender flush for at most flush_timeout, then returns. */
    void flushAtExit() {
        Thread t = sender;
        if (finished || t == null) {
            return;
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
        if (!everConnected) {
            AgentLog.info("exit: " + (finished ? heldAtEnd + " captured batches" : "captured data")
                    + " not sent (collector at " + endpoint + " unreachable)");
        }
    }
}
