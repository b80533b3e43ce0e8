package dev.skewguard.collector.rule;

import java.util.Locale;

/** The mode a record was produced in. The rule keeps one state per mode. */
public enum Mode {
    TRAIN, EVAL, PREDICT, GLOBAL;

    /** The lower-case name used in JSON ("train", "eval", "predict", "global"). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a mode name as written in JSON Lines input; null or empty means {@link #GLOBAL}.
     *
     * @throws IllegalArgumentException naming the value when it is not a mode
     */
    public static Mode parse(String text) {
        if (text == null || text.isEmpty()) {
            return GLOBAL;
        }
        for (Mode mode : values()) {
            if (mode.jsonName().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(
                "unknown mode \"" + text + "\" (expected train, eval, predict or global)");
    }
}
