package dev.skewguard.agent.stop;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.config.OnStop;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Carries out the collector's Stop according to on_stop. Holds the only stop state of the agent; training threads
 * read it through {@link #checkStop()} (one volatile read when no stop happened).
 */
public final class StopController {
    private static volatile String stopReason;
    /** Says how promptly the training stopped after the batch that decided (null: not known); asked once. */
    private static volatile Supplier<String> promptness;
    private static volatile OnStop onStop = OnStop.THROW;
    private static volatile double stopGraceSeconds = 30;
    private static volatile int exitCode = 3;
    /** Null, or what this process is when it must not exit after stop_grace (say "a Spark executor"). */
    private static volatile String keptAlive;
    /** Called once with the reason when a Stop ends the training (on_stop=throw); bounded: one per framework. */
    private static final List<Consumer<String>> WHEN_STOPPED =
            new CopyOnWriteArrayList<>();
    private static final int MAX_LISTENERS = 8;

    private StopController() {
    }

    public static void configure(OnStop mode, double graceSeconds, int code) {
        onStop = mode;
        stopGraceSeconds = graceSeconds;
        exitCode = code;
    }

    /**
     * This process serves more than one training and outlives them (a Spark executor): with on_stop=throw it is not
     * exited after stop_grace; the stop exception alone ends its training. {@code what} names it in the stop line.
     */
    public static void keepProcessAlive(String what) {
        keptAlive = what;
    }

    /**
     * Registers {@code action} to run once with the stop's reason when the collector's Stop ends the training
     * (on_stop=throw): on the thread that receives the Stop (the gRPC transport's), or at once on the caller's if that
     * happened already. It must not block (a framework's driver posts the cancellation of its job, say); its errors
     * are logged as one line. Returns false if too many are registered.
     */
    public static boolean whenTrainingStops(Consumer<String> action) {
        synchronized (StopController.class) {
            if (WHEN_STOPPED.size() >= MAX_LISTENERS) {
                return false;
            }
            WHEN_STOPPED.add(action);
            if (stopReason == null || onStop != OnStop.THROW) {
                return true;
            }
        }
        runStopAction(action, stopReason);
        return true;
    }

    /**
     * The collector said stop, for this reason (one line: checks, ratio, classes). Acts once; later calls are
     * ignored. Never throws; never calls System.exit on the caller's thread.
     */
    public static synchronized void stop(String reason) {
        stop(reason, null);
    }

    /**
     * As {@link #stop(String)}; {@code howPrompt} says, when asked, how long after the capture of the batch that
     * decided the training stopped: asked when the training thread throws the stop (on_stop=throw), else now.
     */
    public static synchronized void stop(String reason, Supplier<String> howPrompt) {
        if (stopReason != null) {
            return;
        }
        promptness = howPrompt;
        stopReason = reason;
        OnStop mode = onStop;
        switch (mode) {
            case EXIT:
                AgentLog.warn("STOP requested by the collector: " + reason + "; on_stop=exit: exiting with status "
                        + exitCode);
                sayPromptness("the Stop arrived ");
                exitLater(0);
                break;
            case THROW:
                String alive = keptAlive;
                AgentLog.warn("STOP requested by the collector: " + reason + "; on_stop=throw: the next captured "
                        + "call throws SkewguardStopException; " + (alive != null ? alive + " is not exited"
                        : "exit with status " + exitCode + " if still running in " + formatSeconds(stopGraceSeconds)
                        + " s"));
                if (howPrompt != null && AgentLog.debugEnabled()) {
                    // The lag's first part (the collector and the network); the INFO line at the throw, the whole.
                    try {
                        String since = howPrompt.get();
                        if (since != null) {
                            AgentLog.debug("the Stop arrived " + since);
                        }
                    } catch (Throwable ignored) {
                        // a diagnostic only
                    }
                }
                if (alive == null) {
                    exitLater(stopGraceSeconds);
                }
                for (Consumer<String> action : WHEN_STOPPED) {
                    runStopAction(action, reason);
                }
                break;
            default:
                AgentLog.warn("STOP requested by the collector: " + reason + "; on_stop=log: training continues");
                sayPromptness("the Stop arrived ");
        }
    }

    /** Throws the stop exception if the job was stopped and on_stop=throw; otherwise returns. */
    public static void checkStop() {
        String reason = stopReason;
        if (reason != null && onStop == OnStop.THROW) {
            if (promptness != null) {
                sayPromptness("the training thread stopped ");
            }
            throw new SkewguardStopException(reason);
        }
    }

    /** One line, once: how long after the capture of the batch that decided the stop took effect. */
    private static void sayPromptness(String what) {
        Supplier<String> how;
        synchronized (StopController.class) {
            how = promptness;
            promptness = null;
        }
        if (how == null) {
            return;
        }
        try {
            String since = how.get();
            if (since != null) {
                AgentLog.info(what + since);
            }
        } catch (Throwable ignored) {
            // a diagnostic only
        }
    }

    /** Forgets a stop, the stop actions and keepProcessAlive (tests only: the state is the JVM's). */
    static synchronized void resetForTests() {
        stopReason = null;
        promptness = null;
        keptAlive = null;
        WHEN_STOPPED.clear();
    }

    public static boolean stopped() {
        return stopReason != null;
    }

    private static void runStopAction(Consumer<String> action, String reason) {
        try {
            action.accept(reason);
        } catch (Throwable t) {
            AgentLog.warn("could not act on the stop: " + AgentLog.describe(t));
        }
    }

    private static void exitLater(double delaySeconds) {
        Thread t = new Thread(() -> {
            try {
                if (delaySeconds > 0) {
                    Thread.sleep((long) (delaySeconds * 1000));
                }
                System.exit(exitCode);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            } catch (Throwable ignored) {
                // e.g. a SecurityManager refusing exit: nothing more we can do
            }
        }, "skewguard-stop-exit");
        t.setDaemon(true);
        t.start();
    }

    private static String formatSeconds(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }
}
