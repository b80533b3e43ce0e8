package dev.skewguard.collector.options;

import java.util.Locale;

/** What the collector does when a job's rule fires. */
public enum Action {
    /** Report only: log the finding and write it to the report. */
    LOG,
    /** Also send Stop to every connected agent of the job, and to any of its agents that connect later. */
    STOP;

    /** Parses "log" or "stop", in any case. */
    public static Action parse(String text) {
        for (Action action : values()) {
            if (action.name().equalsIgnoreCase(text)) {
                return action;
            }
        }
        throw new IllegalArgumentException("no such action \"" + text + "\" (expected log or stop)");
    }

    /** The lower-case name used on the command line and in reports. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
