package dev.skewguard.collector.advice;

import dev.skewguard.collector.rule.Finding;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.ModeReport;
import dev.skewguard.collector.rule.Report;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do about a finding: the {@link ClassWeights} that would rebalance the labels counted in the finding's mode,
 * and, per framework, how to apply them ({@link FrameworkAdvice}).
 *
 * @param mode the finding's mode, whose counts the weights come from
 * @param weights the weights
 */
public record Advice(Mode mode, ClassWeights weights) {
    /** Classes the log line lists, the heaviest first; the report has them all. */
    static final int LINE_CLASSES = 5;

    public Advice {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(weights, "weights");
    }

    /** The advice for {@code report}'s finding, from the counts of its mode now; empty when the rule did not fire. */
    public static Optional<Advice> of(Report report) {
        Optional<Finding> finding = report.finding();
        if (finding.isEmpty()) {
            return Optional.empty();
        }
        Mode mode = finding.get().mode();
        ModeReport counted = report.modes().get(mode);
        if (counted == null) {
            return Optional.empty();
        }
        ClassWeights weights = ClassWeights.of(counted.classes());
        return weights.classesSeen() == 0 ? Optional.empty() : Optional.of(new Advice(mode, weights));
    }

    /**
     * One line: the heaviest weights and what they come from, e.g. {@code class weights 1: 50, 0: 0.5051 (w_c = N /
     * (K * n_c) over 1,000 train labels of 2 classes)}.
     */
    public String summary() {
        List<ClassWeights.Weight> heaviest = weights.weights().stream()
                .sorted(Comparator.comparingDouble(ClassWeights.Weight::weight).reversed()
                        .thenComparingLong(ClassWeights.Weight::classId))
                .toList();
        StringBuilder s = new StringBuilder("class weights ");
        for (int i = 0; i < Math.min(LINE_CLASSES, heaviest.size()); i++) {
            ClassWeights.Weight w = heaviest.get(i);
            s.append(i == 0 ? "" : ", ").append(w.classId()).append(": ").append(ClassWeights.format(w.weight()));
        }
        if (heaviest.size() > LINE_CLASSES) {
            s.append(", ... (").append(heaviest.size() - LINE_CLASSES).append(" more in the report)");
        }
        s.append(" (").append(ClassWeights.FORMULA).append(String.format(Locale.ROOT, " over %,d ", weights.labels()))
                .append(mode.jsonName()).append(" labels of ").append(weights.classesSeen())
                .append(weights.classesSeen() == 1 ? " class" : " classes").append(')');
        if (!weights.unseen().isEmpty()) {
            s.append("; no label yet of class").append(weights.unseen().size() == 1 ? " " : "es ")
                    .append(weights.unseen().stream().limit(LINE_CLASSES).map(String::valueOf)
                            .reduce((a, b) -> a + ", " + b).orElse(""))
                    .append(weights.unseen().size() > LINE_CLASSES ? ", ..." : "")
                    .append(": no weight helps, it needs data");
        }
        return s.toString();
    }

    /** The log line's part: {@link #summary()} and how to apply the weights in the first of {@code frameworks}. */
    public String line(List<String> frameworks) {
        return "advice: " + summary() + "; " + FrameworkAdvice.forJob(frameworks, weights);
    }
}
