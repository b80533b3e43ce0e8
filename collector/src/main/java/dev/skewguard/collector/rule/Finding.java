package dev.skewguard.collector.rule;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the rule's checks fired (its first trigger, or a later moment a decision acts on), which checks fired, and
 * the classes that made them fire.
 *
 * @param step the step of the record after which the rule fired
 * @param mode that record's mode
 * @param worker that record's worker ("" if none)
 * @param labels the labels that record's mode had counted then
 * @param checks {@link #IMBALANCE} and/or {@link #MISPREDICTION}, in that order
 * @param ratio largest count / smallest count over the classes taking part at the trigger; +Infinity when one of
 *     them was never seen (num_classes)
 * @param classes the classes that made the checks fire, worst first (see {@link ClassImbalanceRule})
 * @param thresholdImbalance the threshold_imbalance in force, for the summary
 * @param thresholdMisprediction the threshold_misprediction in force, for the summary
 */
public record Finding(long step, Mode mode, String worker, long labels, List<String> checks, double ratio,
        List<ClassStats> classes, double thresholdImbalance, double thresholdMisprediction) implements java.io.Serializable {
    public static final String IMBALANCE = "imbalance";
    public static final String MISPREDICTION = "misprediction";

    public Finding {
        Objects.requireNonNull(mode, "mode");
        worker = worker == null ? "" : worker;
        checks = List.copyOf(checks);
        classes = List.copyOf(classes);
    }

    public boolean imbalance() {
        return checks.contains(IMBALANCE);
    }

    public boolean misprediction() {
        return checks.contains(MISPREDICTION);
    }

    /**
     * One line a person can act on, e.g. {@code ClassImbalance: imbalance ratio 99.0 > 10.0 (largest class 0:
     * 990, smallest class 1: 10) at train step 3 on worker w0}.
     */
    public String summary() {
        StringBuilder s = new StringBuilder("ClassImbalance: ");
        if (imbalance()) {
            ClassStats largest = null;
            ClassStats smallest = null;
            for (ClassStats c : classes) {
                if (largest == null || c.count() > largest.count()) {
                    largest = c;
                }
                if (smallest == null || c.count() < smallest.count()) {
                    smallest = c;
                }
            }
            s.append("imbalance ratio ").append(format(ratio)).append(" > ").append(format(thresholdImbalance));
            if (largest != null) {
                s.append(" (largest class ").append(largest.classId()).append(": ").append(largest.count())
                        .append(", smallest class ").append(smallest.classId()).append(": ")
                        .append(smallest.count()).append(')');
            }
        }
        if (misprediction()) {
            if (imbalance()) {
                s.append("; ");
            }
            s.append("misprediction above ").append(format(thresholdMisprediction)).append(" for ");
            int listed = 0;
            for (ClassStats c : classes) {
                if (c.count() > 0 && c.mispredictionFraction() > thresholdMisprediction) {
                    if (listed == 3) {
                        s.append(", ...");
                        break;
                    }
                    s.append(listed == 0 ? "" : ", ").append("class ").append(c.classId()).append(" (")
                            .append(String.format(Locale.ROOT, "%.3f", c.mispredictionFraction())).append(')');
                    listed++;
                }
            }
        }
        s.append(" at ").append(mode.jsonName()).append(" step ").append(step);
        if (!worker.isEmpty()) {
            s.append(" on worker ").append(worker);
        }
        return s.toString();
    }

    private static String format(double value) {
        if (Double.isInfinite(value)) {
            return "infinity";
        }
        return Double.toString(value);
    }
}
