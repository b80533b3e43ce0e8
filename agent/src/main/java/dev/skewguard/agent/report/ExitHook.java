package dev.skewguard.agent.report;

import dev.skewguard.agent.capture.HeldCaptures;
import java.util.function.Supplier;

/**
 * The agent's one shutdown hook: first what instrumentations held until the collector answered
 * ({@link HeldCaptures}), then the sender's exit flush (registered when the first batch is captured), then
 * the exit report ({@link ExitSummary}), so that the report counts what the flush delivered. Installed at start;
 * without it (a sender used on its own, as in the benchmarks) the flush gets a shutdown hook of its own.
 */
public final class ExitHook extends Thread {
    private static ExitHook installed;
    private final ExitSummary summary;
    private Supplier<FlushOutcome> flush;
    private boolean started;

    private ExitHook(ExitSummary summary) {
        super("skewguard-exit");
        this.summary = summary;
    }

    /** Registers the hook that prints this summary at exit. Once per JVM; never throws. */
    public static synchronized void install(ExitSummary summary) {
        if (installed != null) {
            return;
        }
        ExitHook hook = new ExitHook(summary);
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            installed = hook;
        } catch (IllegalStateException | SecurityException e) {
            // the JVM is exiting (or forbids hooks): no report
        }
    }

    /**
     * Registers the sender's exit flush, to run before the report. Returns false if the JVM is already exiting
     * (there is then no time to send anything).
     */
    public static boolean flushFirst(Supplier<FlushOutcome> flush) {
        ExitHook hook;
        synchronized (ExitHook.class) {
            hook = installed;
        }
        if (hook == null) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(flush::get, "skewguard-exit-flush"));
                return true;
            } catch (IllegalStateException exiting) {
                return false;
            }
        }
        synchronized (hook) {
            if (hook.started) {
                return false;
            }
            hook.flush = flush;
            return true;
        }
    }

    @Override
    public void run() {
        Supplier<FlushOutcome> f;
        synchronized (this) {
            started = true;
            f = flush;
        }
        FlushOutcome outcome = FlushOutcome.NONE;
        try {
            HeldCaptures.releaseAtExit();
        } catch (Throwable t) {
            // what was held stays unsent; the exit report counts what was captured
        }
        if (f != null) {
            try {
                outcome = f.get();
            } catch (Throwable t) {
                outcome = new FlushOutcome("the exit flush failed (" + t.getClass().getSimpleName() + ")", false);
            }
        }
        summary.print(outcome, f != null);
    }
}
