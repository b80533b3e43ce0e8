package dev.skewguard.agent.capture;

/** Training (or evaluation) mode of a captured batch; the collector's rule keeps one state per mode. */
public enum CaptureMode {
    TRAIN("train"),
    EVAL("eval"),
    PREDICT("predict");

    private final String wireName;

    CaptureMode(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in tensor names, e.g. {@code train} in {@code methods/train/labels}. */
    public String wireName() {
        return wireName;
    }

    /** Parses train/eval/predict (case-insensitive); throws IllegalArgumentException naming the value. */
    public static CaptureMode parse(String text) {
        for (CaptureMode mode : values()) {
            if (mode.wireName.equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be train, eval or predict, not '" + text + "'");
    }
}
