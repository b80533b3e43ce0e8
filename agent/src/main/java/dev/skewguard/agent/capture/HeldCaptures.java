package dev.skewguard.agent.capture;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Captures that wait for the collector's first answer: an instrumentation that sends tensors by the program's own
 * names learns from the Welcome which names the job's rule matches (see {@link AnnouncedRegexes}), so it holds what
 * the first runs could need until then ({@link Hold}). When the first Welcome arrives, every hold is released on a
 * thread of its own (never the transport's, which must keep reading Acks); at exit, the exit hook gives the answer
 * at most flush_timeout to come, then releases what is still held with what the agent knows.
 */
public final class HeldCaptures {
    /** What an instrumentation holds until the collector has answered. */
    public interface Hold {
        /** Records what is held, as the names known now say; holds nothing more afterwards. Never throws. */
        void release();

        /** Whether anything is held now. */
        boolean holdsAnything();
    }

    private static final List<Hold> HOLDS = new CopyOnWriteArrayList<>();
    private static volatile boolean answered;
    private static volatile long exitWaitNanos = TimeUnit.SECONDS.toNanos(5);
    private static volatile Thread releasing;

    private HeldCaptures() {
    }

    /** How long the exit hook waits for the collector's first answer when something is held (flush_timeout). */
    public static void exitWait(double seconds) {
        exitWaitNanos = (long) (Math.max(0, seconds) * 1e9);
    }

    public static void register(Hold hold) {
        HOLDS.add(hold);
    }

    /** Whether the collector has answered (a Welcome arrived) since the agent started. */
    public static boolean answered() {
        return answered;
    }

    /** Whether some instrumentation holds captures now (they are not counted as captured until released). */
    public static boolean holdingAny() {
        for (Hold hold : HOLDS) {
            if (hold.holdsAnything()) {
                return true;
            }
        }
        return false;
    }

    /** The sender got a Welcome: release every hold, once, on a thread of its own. */
    static void collectorAnswered() {
        if (answered) {
            return;
        }
        synchronized (HeldCaptures.class) {
            if (answered) {
                return;
            }
            answered = true;
            Thread t = new Thread(HeldCaptures::releaseAll, "skewguard-release");
            t.setDaemon(true);
            releasing = t;
            t.start();
        }
    }

    /**
     * Called by the exit hook before the exit flush: when something is held and the collector has not answered yet,
     * waits for its answer at most flush_timeout, then releases what is still held.
     */
    public static void releaseAtExit() {
        if (!holdingAny()) {
            return;
        }
        long deadline = System.nanoTime() + exitWaitNanos;
        while (!answered && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        Thread t = releasing;
        if (t != null) {
            try {
                t.join(TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadline - System.nanoTime())) + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        releaseAll();
    }

    private static void releaseAll() {
        for (Hold hold : HOLDS) {
            try {
                hold.release();
            } catch (Throwable t) {
                Capture.adviceError("agent", t);
            }
        }
    }
}
