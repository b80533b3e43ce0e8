package dev.skewguard.collector.metrics;

import dev.skewguard.collector.rule.ClassStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The classes of one mode that get their own metric series, at most {@code k} of them, and the rest summed into one
 * "other" bucket, so that a job with 1,000 classes makes {@code k + 1} series per metric and mode, not 1,000.
 *
 * <p>Which classes are shown, in this order: the largest and the smallest class (they make the imbalance ratio), then
 * the classes with the highest misprediction fraction (those the misprediction check watches), then the largest
 * counts; ties go to the lower class id.
 */
public final class TopClasses {
    /** The default number of classes per job and mode with their own series. */
    public static final int DEFAULT_K = 20;
    /** The largest number a user may ask for. */
    public static final int MAX_K = 1000;

    private static final Comparator<ClassStats> WORST_FIRST = Comparator
            .comparingDouble(ClassStats::mispredictionFraction).reversed()
            .thenComparing(Comparator.comparingLong(ClassStats::count).reversed())
            .thenComparingLong(ClassStats::classId);

    private TopClasses() {
    }

    /**
     * The classes beyond the shown ones, summed.
     *
     * @param classes how many classes are in the bucket
     * @param count their labels counted
     * @param mispredicted their labels whose prediction differed
     * @param withPredictions their labels that came with a prediction
     */
    public record Other(long classes, long count, long mispredicted, long withPredictions) {
        /** mispredicted / withPredictions over the whole bucket (cumulative, not windowed); 0 when none. */
        public double mispredictionFraction() {
            return withPredictions == 0 ? 0 : (double) mispredicted / withPredictions;
        }
    }

    /**
     * What one mode shows.
     *
     * @param shown the classes with their own series, in the order above
     * @param other the rest, when there is any
     */
    public record Selection(List<ClassStats> shown, Optional<Other> other) {
    }

    /** Checks a user's k: one clear message when it is out of range. */
    public static int checkK(int k) {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("the number of classes with their own metric series must be 1.."
                    + MAX_K + ", got " + k);
        }
        return k;
    }

    /** At most {@code k} of {@code classes} (see the class comment), the rest in {@link Other}. */
    public static Selection select(List<ClassStats> classes, int k) {
        checkK(k);
        if (classes.size() <= k) {
            return new Selection(List.copyOf(classes), Optional.empty());
        }
        ClassStats largest = classes.get(0);
        ClassStats smallest = classes.get(0);
        for (ClassStats c : classes) {
            if (c.count() > largest.count() || (c.count() == largest.count() && c.classId() < largest.classId())) {
                largest = c;
            }
            if (c.count() < smallest.count() || (c.count() == smallest.count() && c.classId() < smallest.classId())) {
                smallest = c;
            }
        }
        List<ClassStats> shown = new ArrayList<>(k);
        shown.add(largest);
        if (k > 1 && smallest != largest) {
            shown.add(smallest);
        }
        List<ClassStats> rest = new ArrayList<>(classes.size());
        for (ClassStats c : classes) {
            if (c != largest && c != smallest) {
                rest.add(c);
            }
        }
        rest.sort(WORST_FIRST);
        int take = Math.min(k - shown.size(), rest.size());
        shown.addAll(rest.subList(0, take));
        long count = 0;
        long mispredicted = 0;
        long withPredictions = 0;
        List<ClassStats> others = rest.subList(take, rest.size());
        if (k == 1 && smallest != largest) {
            others = new ArrayList<>(others);
            others.add(smallest);
        }
        for (ClassStats c : others) {
            count += c.count();
            mispredicted += c.mispredicted();
            withPredictions += c.withPredictions();
        }
        return new Selection(List.copyOf(shown), Optional.of(new Other(others.size(), count, mispredicted,
                withPredictions)));
    }
}
