package dev.skewguard.agent.capture;

import dev.skewguard.agent.AgentLog;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Says once, while training runs, that a framework trains but none of its batches is captured: the agent is then
 * blind to that job, and the team must learn it before the job ends, not only from the exit line. Instrumentations
 * call {@link #stepped} at each training step they see (a DJL Trainer step, a DL4J iteration, an XGBoost round, a
 * TensorFlow run with targets) and may name why a batch was not read ({@link #notRead}); once
 * {@code nothing_captured_after} seconds and {@link #MIN_STEPS} steps have passed since the framework's first step
 * with none of its batches captured, one WARN line says what was seen and what to do. A step costs an increment;
 * every {@link #CHECK_EVERY}th also reads the clock and the framework's count.
 */
public final class TrainingWatch {
    static final long MIN_STEPS = 20;
    static final int CHECK_EVERY = 16;

    private static volatile long afterNanos = TimeUnit.SECONDS.toNanos(30);
    private static volatile BatchCounts counts;
    private static volatile Consumer<String> warn = AgentLog.WARN;
    private static final Map<String, Watch> WATCHES = new ConcurrentHashMap<>();

    private TrainingWatch() {
    }

    /** One framework's steps, its first step's time, the first reason a batch was not read, whether it was said. */
    private static final class Watch {
        final AtomicLong steps = new AtomicLong();
        final long firstNanos = System.nanoTime();
        volatile Supplier<String> hint;
        volatile String notRead;
        volatile boolean done;
    }

    /** Called once by the agent at start: the counts to look at, and after how long (0 turns the watch off). */
    public static void configure(BatchCounts batchCounts, double afterSeconds) {
        configure(batchCounts, afterSeconds, AgentLog.WARN);
    }

    static void configure(BatchCounts batchCounts, double afterSeconds, Consumer<String> warnLine) {
        counts = batchCounts;
        afterNanos = afterSeconds <= 0 ? Long.MAX_VALUE : (long) (afterSeconds * 1e9);
        warn = warnLine;
    }

    /** What to advise when this framework trains and nothing is captured (called when its rules are added). */
    public static void hint(String framework, Supplier<String> whatToDo) {
        watch(framework).hint = whatToDo;
    }

    /** One training step of this framework ran. Never throws. */
    public static void stepped(String framework) {
        Watch w = watch(framework);
        if (w.done) {
            return;
        }
        long steps = w.steps.incrementAndGet();
        if (steps % CHECK_EVERY == 0 && steps >= MIN_STEPS) {
            check(framework, w, steps);
        }
    }

    /** Whether the framework still wants to hear why a batch was not read (no capture yet, nothing said yet). */
    public static boolean wantsReason(String framework) {
        Watch w = WATCHES.get(framework);
        return w != null && !w.done && w.notRead == null;
    }

    /** Why a batch of this framework was not read (the first reason is kept), e.g. "predictions of shape (32, 3, 2)". */
    public static void notRead(String framework, String reason) {
        Watch w = watch(framework);
        if (w.notRead == null) {
            w.notRead = reason;
        }
    }

    private static Watch watch(String framework) {
        Watch w = WATCHES.get(framework);
        return w != null ? w : WATCHES.computeIfAbsent(framework, k -> new Watch());
    }

    private static void check(String framework, Watch w, long steps) {
        BatchCounts c = counts;
        if (c == null) {
            return;
        }
        if (c.of(framework).capturedCount() > 0) {
            w.done = true; // captured: nothing to say, ever
            return;
        }
        long elapsed = System.nanoTime() - w.firstNanos;
        if (elapsed < afterNanos || HeldCaptures.holdingAny()) {
            return; // not yet, or batches wait for the collector's first answer (they count once released)
        }
        synchronized (w) {
            if (w.done) {
                return;
            }
            w.done = true;
        }
        Supplier<String> hint = w.hint;
        String reason = w.notRead;
        warn.accept(framework + ": training runs (" + steps + " steps in " + TimeUnit.NANOSECONDS.toSeconds(elapsed)
                + " s) but none of its batches was captured, so the collector sees nothing of this job"
                + (reason == null ? "" : " (the first batch it did not read: " + reason + ")")
                + (hint == null ? "" : "; " + safely(hint)));
    }

    private static String safely(Supplier<String> hint) {
        try {
            return hint.get();
        } catch (Throwable t) {
            return "see docs/agent.md";
        }
    }
}
