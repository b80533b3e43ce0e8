package dev.skewguard.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The wall-time figures of a training program's pairs ({@link TrainingPairs.Pair}): each pair's run times without and
 * with the agent, their ratio and difference, and the fewest batches the collector counted of an agent run.
 */
final class WallRatios {
    /** The target of the ratio's median: the agent adds at most 2 % to a training's wall time. */
    static final double TARGET = 1.02;

    private final List<Double> without = new ArrayList<>();
    private final List<Double> with = new ArrayList<>();
    private final List<Double> ratios = new ArrayList<>();
    private final List<Double> added = new ArrayList<>();
    private long minCounted = Long.MAX_VALUE;

    /** Adds one pair that ran ({@link TrainingPairs.Pair#ok()}). */
    void add(TrainingPairs.Pair pair) {
        double a = pair.without().millis();
        double b = pair.with().millis();
        without.add(a / 1000);
        with.add(b / 1000);
        ratios.add(b / a);
        added.add((b - a) / 1000);
        minCounted = Math.min(minCounted, pair.counted());
    }

    int pairs() {
        return ratios.size();
    }

    double medianRatio() {
        return Stats.median(ratios);
    }

    /**
     * The cells: without and with the agent (median, s), added (median, s), ratio (median of pairs), its range,
     * batches counted per agent run (min).
     */
    Object[] cells() {
        return new Object[] {Stats.fmt(Stats.median(without), 2), Stats.fmt(Stats.median(with), 2),
                Stats.fmt(Stats.median(added), 2), Stats.fmt(medianRatio(), 3),
                Stats.fmt(Stats.percentile(ratios, 0), 3) + " .. " + Stats.fmt(Stats.max(ratios), 3), minCounted};
    }

    /** The headers of {@link #cells()}. */
    static final String[] HEADERS = {"without agent, median (s)", "with agent, median (s)", "added, median (s)",
            "ratio, median of pairs", "ratio range", "batches counted per agent run (min)"};

    /** "met" or "MISSED" for the median ratio, with the number of failed pairs if any. */
    String verdict(int failures) {
        return (medianRatio() <= TARGET ? "met" : "MISSED") + (failures > 0 ? " (" + failures + " failed pairs)" : "");
    }

    /** The figures of {@code pairs} (each {@link TrainingPairs.Pair#ok()}). */
    static WallRatios of(List<TrainingPairs.Pair> pairs) {
        WallRatios wall = new WallRatios();
        pairs.forEach(wall::add);
        return wall;
    }

    /**
     * A table row: {@code name}, the pairs, {@link #cells()}, the verdict, then {@code more} cells; with no pair, the
     * same row saying it was not measured.
     */
    Object[] row(String name, int failures, Object... more) {
        List<Object> row = new ArrayList<>(List.of(name, pairs()));
        if (pairs() == 0) {
            row.addAll(List.of("-", "-", "-", "-", "-", "-", "NOT MEASURED: every pair failed (" + failures + ")"));
        } else {
            row.addAll(List.of(cells()));
            row.add(verdict(failures));
        }
        row.addAll(List.of(more));
        return row.toArray();
    }
}
