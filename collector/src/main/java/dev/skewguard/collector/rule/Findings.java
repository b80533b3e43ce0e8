package dev.skewguard.collector.rule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/** Builds the rule's {@link Finding} from a mode's state: which classes take part, which ones made the checks fire. */
final class Findings {
    private final RuleParameters parameters;
    private final Threshold imbalanceThreshold;
    private final Threshold mispredictionThreshold;

    Findings(RuleParameters parameters, Threshold imbalanceThreshold, Threshold mispredictionThreshold) {
        this.parameters = parameters;
        this.imbalanceThreshold = imbalanceThreshold;
        this.mispredictionThreshold = mispredictionThreshold;
    }

    /** Every class taking part in a mode, by id: those seen, and with num_classes, 0..C-1. */
    static List<ClassStats> classesTakingPart(ModeState s, int numClasses) {
        List<ClassStats> seen = ModeFigures.seenStats(s);
        if (numClasses == 0 || s.classesSeen() >= numClasses) {
            return seen;
        }
        List<ClassStats> all = new ArrayList<>(numClasses);
        int next = 0;
        for (int id = 0; id < numClasses; id++) {
            if (next < seen.size() && seen.get(next).classId() == id) {
                all.add(seen.get(next++));
            } else {
                all.add(new ClassStats(id, 0, 0, 0.0, 0));
            }
        }
        return all;
    }

    /**
     * The finding: classes under-represented (largest / count > threshold_imbalance) by count ascending, then
     * classes mispredicted too often by fraction descending, then the largest class (the other end of the ratio).
     */
    Finding of(Checked at, ModeState state, int fired) {
        boolean imbalance = (fired & ModeState.IMBALANCE) != 0;
        boolean misprediction = (fired & ModeState.MISPREDICTION) != 0;
        List<ClassStats> all = classesTakingPart(state, parameters.numClasses());
        ClassStats largest = null;
        ClassStats smallest = null;
        for (ClassStats c : all) {
            if (largest == null || c.count() > largest.count()) {
                largest = c;
            }
            if (smallest == null || c.count() < smallest.count()) {
                smallest = c;
            }
        }
        double ratio = smallest.count() == 0 ? Double.POSITIVE_INFINITY
                : (double) largest.count() / smallest.count();
        LinkedHashSet<ClassStats> offending = new LinkedHashSet<>();
        List<String> checks = new ArrayList<>(2);
        if (imbalance) {
            checks.add(Finding.IMBALANCE);
            long max = largest.count();
            all.stream().filter(c -> imbalanceThreshold.exceeded(max, c.count()))
                    .sorted(Comparator.comparingLong(ClassStats::count).thenComparingLong(ClassStats::classId))
                    .forEach(offending::add);
        }
        if (misprediction) {
            checks.add(Finding.MISPREDICTION);
            all.stream().filter(c -> state.mispredicted(c.classId(), mispredictionThreshold))
                    .sorted(Comparator.comparingDouble(ClassStats::mispredictionFraction).reversed()
                            .thenComparingLong(ClassStats::classId))
                    .forEach(offending::add);
        }
        if (imbalance) {
            offending.add(largest);
        }
        List<ClassStats> classes = new ArrayList<>(offending);
        if (classes.size() > ClassImbalanceRule.MAX_FINDING_CLASSES) {
            classes = classes.subList(0, ClassImbalanceRule.MAX_FINDING_CLASSES);
        }
        return new Finding(at.step(), at.mode(), at.worker(), at.labels(), checks, ratio, classes,
                parameters.thresholdImbalance(), parameters.thresholdMisprediction());
    }
}
