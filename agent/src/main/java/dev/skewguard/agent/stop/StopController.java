package dev.skewguard.agent.stop;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.config.OnStop;

/**
 * Carries out the collector's Stop according to on_stop. Holds the only stop state of the agent; training threads
 * read it through {@link #checkStop()} (one volatile read when no stop happened).
 */
public final class StopController {
    private static volatile String stopReason;
    private static volatile OnStop onStop = OnStop.THROW;
    private static volatile double stopGraceSeconds = 30;
    private static volatile int exitCode = 3;

    private StopController() {
    }

    public static void configure(OnStop mode, double graceSeconds, int code) {
        onStop = mode;
        stopGraceSeconds = graceSeconds;
        exitCode = code;
    }

    /**
     * The collector said stop, for this reason (one line: checks, ratio, classes). Acts once; later calls are
     * ignored. Never throws; never calls System.exit on the caller's thread.
     */
    public static synchronized void stop(String reason) {
        if (stopReason != null) {
            return;
        }
        stopReason = reason;
        OnStop mode = onStop;
        switch (mode) {
            case EXIT:
                AgentLog.warn("STOP requested by the collector: " + reason + "; on_stop=exit: exiting with status "
                        + exitCode);
                exitLater(0);
                break;
            case THROW:
                AgentLog.warn("STOP requested by the collector: " + reason + "; on_stop=throw: the next captured "
                        + "call throws SkewguardStopException; exit with status " + exitCode + " if still running in "
                        + formatSeconds(stopGraceSeconds) + " s");
                exitLater(stopGraceSeconds);
                break;
            default:
                AgentLog.warn("STOP requested by the collector: " + reason + "; on_stop=log: training continues");
        }
    }

    /** Throws the stop exception if the job was stopped and on_stop=throw; otherwise returns. */
    public static void checkStop() {
        String reason = stopReason;
        if (reason != null && onStop == OnStop.THROW) {
            throw new SkewguardStopException(reason);
        }
    }

    public static boolean stopped() {
        return stopReason != null;
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
