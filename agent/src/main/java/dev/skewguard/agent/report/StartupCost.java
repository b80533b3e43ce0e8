package dev.skewguard.agent.report;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the agent's instrumentation cost the application's own threads, the ones that load classes: the set-up of the
 * instrumentations' advice rules, the classes handed to the agent's transformer (described, matched and, for some,
 * instrumented), and the cheap name and byte tests every other class passes through. Said at exit with
 * {@code debug=true}, so that a team can see on its own job what the agent adds to its start. Safe for concurrent
 * class loading; two clock reads per class load.
 */
public final class StartupCost {
    private final AtomicLong setUpNanos = new AtomicLong();
    private final AtomicLong tested = new AtomicLong();
    private final AtomicLong testNanos = new AtomicLong();
    private final AtomicLong handed = new AtomicLong();
    private final AtomicLong instrumented = new AtomicLong();
    private final AtomicLong transformNanos = new AtomicLong();

    public void setUp(long nanos) {
        setUpNanos.addAndGet(nanos);
    }

    /** A class was tested by name and bytes, and not handed to the transformer. */
    public void tested(long nanos) {
        tested.incrementAndGet();
        testNanos.addAndGet(nanos);
    }

    /** A class was handed to the transformer, which took {@code nanos} and did or did not instrument it. */
    public void handed(long nanos, boolean instrumentedIt) {
        handed.incrementAndGet();
        transformNanos.addAndGet(nanos);
        if (instrumentedIt) {
            instrumented.incrementAndGet();
        }
    }

    /** One line; null if the rules were never set up (nothing of an instrumented framework loaded). */
    public String describe() {
        if (setUpNanos.get() == 0 && handed.get() == 0) {
            return null;
        }
        double total = (setUpNanos.get() + testNanos.get() + transformNanos.get()) / 1e6;
        return String.format(java.util.Locale.ROOT, "instrumentation took %.0f ms on the application's threads: "
                        + "advice rules set up in %.0f ms, %d classes handed to the transformer (%d instrumented) "
                        + "in %.0f ms, %d other classes tested in %.0f ms", total, setUpNanos.get() / 1e6, handed.get(),
                instrumented.get(), transformNanos.get() / 1e6, tested.get(), testNanos.get() / 1e6);
    }
}
