package dev.skewguard.agent;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * The agent's own log: one line per event on standard error, prefixed with {@code [skewguard]}. It does not use
 * java.util.logging or any logging library, so that it never initializes or disturbs the application's logging.
 */
public final class AgentLog {
    private static final String PREFIX = "[skewguard] ";
    private static volatile boolean debug;
    /** {@link #warn} as a sink for lines (a class, not a lambda: used in premain, where a lambda's bootstrap costs). */
    public static final Consumer<String> WARN = new Consumer<String>() {
        @Override
        public void accept(String line) {
            warn(line);
        }
    };
    /** {@link #info} as a sink for lines. */
    public static final Consumer<String> INFO = new Consumer<String>() {
        @Override
        public void accept(String line) {
            info(line);
        }
    };
    /** {@link #debug} as a sink for lines. */
    public static final Consumer<String> DEBUG = new Consumer<String>() {
        @Override
        public void accept(String line) {
            debug(line);
        }
    };

    private AgentLog() {
    }

    public static void info(String message) {
        print("INFO ", message);
    }

    public static void warn(String message) {
        print("WARN ", message);
    }

    /** Turns the DEBUG lines on ({@code debug=true}). */
    public static void enableDebug(boolean enabled) {
        debug = enabled;
    }

    /** Whether DEBUG lines are printed (to skip the work of making one when not). */
    public static boolean debugEnabled() {
        return debug;
    }

    /** A line for {@code debug=true} only. */
    public static void debug(String message) {
        if (debug) {
            print("DEBUG ", message);
        }
    }

    private static void print(String level, String message) {
        try {
            PrintStream err = System.err;
            err.println(PREFIX + level + message);
        } catch (Throwable ignored) {
            // logging must never fail the host
        }
    }

    /** Seconds as a user wrote them in an option: 10, 0.5, 2.25 (no trailing zeros). */
    public static String seconds(double seconds) {
        if (seconds == Math.rint(seconds) && Math.abs(seconds) < 1e15) {
            return Long.toString((long) seconds);
        }
        return java.math.BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString();
    }

    /** A throwable as one short phrase: its class's simple name and message, never a stack trace. */
    public static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String message = t.getMessage();
        String name = t.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }
}
