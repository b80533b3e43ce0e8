package dev.skewguard.agent.capture;

import dev.skewguard.agent.AgentLog;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Counts errors that advice met and suppressed; warns once, the rest are only counted. */
public final class AdviceErrors {
    private static final AtomicLong COUNT = new AtomicLong();
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static volatile String first = "";

    private AdviceErrors() {
    }

    static void record(String instrumentation, Throwable t) {
        COUNT.incrementAndGet();
        if (WARNED.compareAndSet(false, true)) {
            first = instrumentation + ": " + AgentLog.describe(t);
            AgentLog.warn("instrumentation " + first
                    + " (the application is not affected; further such errors are counted, not logged)");
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> AgentLog.info("advice errors: " + COUNT.get()
                        + " (the application was not affected)"), "skewguard-advice-errors"));
            } catch (IllegalStateException alreadyExiting) {
                // the JVM is shutting down: the count is not printed
            }
        }
    }

    public static long count() {
        return COUNT.get();
    }

    /** The first error, as logged, or "" if none. */
    public static String first() {
        return first;
    }
}
