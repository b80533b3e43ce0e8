package dev.skewguard.collector.rule;

import java.util.List;
import java.util.Objects;

/**
 * What the rule counted in one mode.
 *
 * @param mode the mode
 * @param samplesSeen labels counted in the mode
 * @param records records counted in the mode (skipped ones not included)
 * @param ratio largest count / smallest count over the classes taking part now; +Infinity when one was never
 *     seen; NaN when nothing was counted
 * @param classes every class taking part, by class id
 */
public record ModeReport(Mode mode, long samplesSeen, long records, double ratio, List<ClassStats> classes) {
    public ModeReport {
        Objects.requireNonNull(mode, "mode");
        classes = List.copyOf(classes);
    }
}
