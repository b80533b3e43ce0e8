package dev.skewguard.collector.advice;

import dev.skewguard.collector.rule.ClassStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The per-class weights that would rebalance the counts seen: inverse frequency, normalised as
 * {@code w_c = N / (K * n_c)}, where {@code n_c} is the labels of class {@code c}, {@code N} the labels of every class
 * seen and {@code K} the number of classes seen ({@code n_c > 0}). Weighted so, every class counts {@code N / K}
 * (the same for all), and the weighted labels still sum to {@code N}: the loss keeps its scale. A class taking part
 * but never seen ({@code num_classes}) gets no weight: no weight rebalances a class with no labels, it needs data.
 *
 * @param labels {@code N}, the labels of the classes seen
 * @param weights one per class seen, by class id
 * @param unseen the class ids taking part with no label, ascending
 */
public record ClassWeights(long labels, List<Weight> weights, List<Long> unseen) {
    /** The formula, as the report and the docs write it. */
    public static final String FORMULA = "w_c = N / (K * n_c)";

    /** The weight of one class seen, and the labels it is computed from. */
    public record Weight(long classId, long count, double weight) {
    }

    public ClassWeights {
        weights = List.copyOf(weights);
        unseen = List.copyOf(unseen);
    }

    /** The weights of {@code classes} (one entry per class taking part, any order; counts of 0 are unseen ones). */
    public static ClassWeights of(List<ClassStats> classes) {
        long total = 0;
        int seen = 0;
        for (ClassStats c : classes) {
            if (c.count() > 0) {
                total += c.count();
                seen++;
            }
        }
        List<ClassStats> sorted = new ArrayList<>(classes);
        sorted.sort((a, b) -> Long.compare(a.classId(), b.classId()));
        List<Weight> weights = new ArrayList<>(seen);
        List<Long> unseen = new ArrayList<>();
        for (ClassStats c : sorted) {
            if (c.count() > 0) {
                weights.add(new Weight(c.classId(), c.count(), (double) total / ((double) seen * c.count())));
            } else {
                unseen.add(c.classId());
            }
        }
        return new ClassWeights(total, weights, unseen);
    }

    /** Number of classes seen ({@code K}). */
    public int classesSeen() {
        return weights.size();
    }

    /**
     * For a binary job (the classes taking part are exactly 0 and 1, both seen): XGBoost's {@code scale_pos_weight},
     * {@code n_0 / n_1} (negatives over positives, class 1 positive), which is also {@code w_1 / w_0}.
     */
    public Optional<Double> scalePosWeight() {
        if (weights.size() != 2 || !unseen.isEmpty() || weights.get(0).classId() != 0
                || weights.get(1).classId() != 1) {
            return Optional.empty();
        }
        return Optional.of((double) weights.get(0).count() / weights.get(1).count());
    }

    /**
     * The weights as an array indexed by class id, {@code 0..largest id}: what a framework's per-class weight vector
     * takes; a class id with no weight (unseen, or never taking part) gets 1. Empty when no class id is below
     * {@code maxLength} or when ids go beyond it (a vector that long is not advice).
     */
    public Optional<double[]> dense(int maxLength) {
        long largest = -1;
        for (Weight w : weights) {
            largest = Math.max(largest, w.classId());
        }
        for (long id : unseen) {
            largest = Math.max(largest, id);
        }
        if (largest < 0 || largest >= maxLength || weights.stream().anyMatch(w -> w.classId() < 0)) {
            return Optional.empty();
        }
        double[] out = new double[(int) largest + 1];
        java.util.Arrays.fill(out, 1.0);
        for (Weight w : weights) {
            out[(int) w.classId()] = w.weight();
        }
        return Optional.of(out);
    }

    /** A weight as the advice writes it: 4 significant digits ({@code 0.5051}, {@code 50}, {@code 1234}). */
    public static String format(double weight) {
        String s = String.format(Locale.ROOT, "%.4g", weight);
        if (s.contains("e") || s.contains("E")) {
            return s;
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return s;
    }
}
