package dev.skewguard.agent.export;

import dev.skewguard.agent.ConsoleText;
import dev.skewguard.proto.v1.ClassStats;
import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.proto.v1.Finding;
import dev.skewguard.proto.v1.Mode;
import java.util.Locale;

/**
 * The collector's Finding as one line a person can act on: checks, ratio, the worst classes; the collector's text in
 * it escaped ({@link ConsoleText}).
 */
final class StopReasons {
    private static final int MAX_CLASSES = 5;

    private StopReasons() {
    }

    static String describe(Finding f) {
        StringBuilder s = new StringBuilder();
        s.append("checks=").append(f.getChecksList().isEmpty() ? "?"
                : ConsoleText.escape(String.join("+", f.getChecksList())));
        s.append(" ratio=").append(Double.isInfinite(f.getRatio()) ? "inf"
                : String.format(Locale.ROOT, "%.1f", f.getRatio()));
        s.append(" classes=[");
        for (int i = 0; i < f.getClassesCount() && i < MAX_CLASSES; i++) {
            ClassStats c = f.getClasses(i);
            if (i > 0) {
                s.append(", ");
            }
            s.append(c.getClassId()).append(": ").append(c.getCount());
            if (c.getMispredicted() > 0) {
                s.append(String.format(Locale.ROOT, " (%.0f%% mispredicted)", 100 * c.getMispredictionFraction()));
            }
        }
        if (f.getClassesCount() > MAX_CLASSES) {
            s.append(", ...");
        }
        s.append(']');
        if (!f.getSummary().isEmpty()) {
            s.append(" -- ").append(ConsoleText.escape(f.getSummary()));
        }
        return s.toString();
    }

    /** The agent's mode of a Finding's mode, or null if it has none. */
    static CaptureMode mode(Mode mode) {
        switch (mode) {
            case MODE_TRAIN:
                return CaptureMode.TRAIN;
            case MODE_EVAL:
                return CaptureMode.EVAL;
            case MODE_PREDICT:
                return CaptureMode.PREDICT;
            default:
                return null;
        }
    }
}
