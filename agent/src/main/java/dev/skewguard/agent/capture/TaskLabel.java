package dev.skewguard.agent.capture;

import java.util.function.Supplier;

/**
 * Which part of the process a batch is captured in, when one process runs several at once (a Spark executor runs
 * several tasks): an instrumentation that knows installs a source, read on the training thread as each batch is
 * recorded. Without one (every framework but Spark) a batch names no part, at the cost of one volatile read.
 */
public final class TaskLabel {
    /** Labels longer than this are cut (the collector keeps at most 128 characters). */
    static final int MAX_LENGTH = 128;
    private static volatile Supplier<String> source;

    private TaskLabel() {
    }

    /** Installs the source of task labels (the first one stays). It returns null outside a task; it must not block. */
    public static synchronized void install(Supplier<String> labels) {
        if (source == null) {
            source = labels;
        }
    }

    /** The current thread's task label, or null (no source, no task, or the source failed). Never throws. */
    static String current() {
        Supplier<String> s = source;
        if (s == null) {
            return null;
        }
        try {
            String label = s.get();
            return label == null || label.length() <= MAX_LENGTH ? label : label.substring(0, MAX_LENGTH);
        } catch (Throwable t) {
            return null;
        }
    }

    /** Forgets the source (tests only). */
    static synchronized void reset() {
        source = null;
    }
}
