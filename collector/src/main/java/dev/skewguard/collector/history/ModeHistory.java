package dev.skewguard.collector.history;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The bounded history of one mode of a job: after a record, the labels counted, the step, the imbalance ratio and
 * the misprediction fraction of the tracked classes (the rest summarised by their mean and largest fraction).
 *
 * <p>Memory does not grow with the run: at most {@link #MAX_POINTS} points are kept. When they are full, every other
 * point is dropped (the later of each pair stays) and from then on only every second record gets a point; the next
 * time every fourth; and so on. So the points always span the whole run, evenly in records (the last point lags the
 * last record by less than the stride).
 *
 * <p>At most {@link #MAX_TRACKED_CLASSES} classes get their own series: each point fills the free slots with the
 * classes that mispredict most then and are not tracked yet; a class tracked keeps its series. Not thread-safe.
 */
public final class ModeHistory {
    /** Points kept at most per series. */
    public static final int MAX_POINTS = 1000;
    /** Classes with their own misprediction series at most. */
    public static final int MAX_TRACKED_CLASSES = 32;

    private final int maxPoints;
    private final int maxTracked;
    private long stride = 1;
    private long offered;
    private int size;
    private final long[] labels;
    private final long[] steps;
    private final double[] ratios;
    private final double[] restMean;
    private final double[] restMax;
    private final Map<Long, Integer> trackedIndex = new HashMap<>();
    private long[] trackedIds = new long[0];
    private float[][] tracked = new float[0][];

    // Scratch reused by every point.
    private long[] scratchIds = new long[16];
    private double[] scratchFractions = new double[16];
    private int scratchSize;

    public ModeHistory() {
        this(MAX_POINTS, MAX_TRACKED_CLASSES);
    }

    /** For tests: other bounds (at least 2 points, at least 0 tracked classes). */
    ModeHistory(int maxPoints, int maxTracked) {
        if (maxPoints < 2 || maxPoints % 2 != 0 || maxTracked < 0) {
            throw new IllegalArgumentException("maxPoints must be even and at least 2, maxTracked not negative");
        }
        this.maxPoints = maxPoints;
        this.maxTracked = maxTracked;
        labels = new long[maxPoints];
        steps = new long[maxPoints];
        ratios = new double[maxPoints];
        restMean = new double[maxPoints];
        restMax = new double[maxPoints];
    }

    /** Call once per counted record of the mode: true when this record gets a point ({@link #add}). */
    public boolean due() {
        // The records kept are the multiples of the stride: evenly spaced.
        if (++offered % stride != 0) {
            return false;
        }
        if (size == maxPoints) {
            halve();
            return offered % stride == 0;
        }
        return true;
    }

    /**
     * Adds a point (after {@link #due()} said so).
     *
     * @param ratio largest / smallest class count now; +Infinity or NaN as the rule says
     */
    public void add(long step, long labelsCounted, double ratio, ClassFractions classes) {
        if (size == maxPoints) {
            halve();
        }
        int at = size++;
        labels[at] = labelsCounted;
        steps[at] = step;
        ratios[at] = ratio;
        scratchSize = 0;
        classes.forEach(this::collect);
        trackWorst();
        double sum = 0;
        double max = 0;
        int rest = 0;
        for (int i = 0; i < scratchSize; i++) {
            Integer column = trackedIndex.get(scratchIds[i]);
            if (column != null) {
                tracked[column][at] = (float) scratchFractions[i];
            } else {
                sum += scratchFractions[i];
                max = Math.max(max, scratchFractions[i]);
                rest++;
            }
        }
        restMean[at] = rest == 0 ? Double.NaN : sum / rest;
        restMax[at] = rest == 0 ? Double.NaN : max;
    }

    private void collect(long classId, double fraction) {
        if (scratchSize == scratchIds.length) {
            scratchIds = Arrays.copyOf(scratchIds, scratchSize * 2);
            scratchFractions = Arrays.copyOf(scratchFractions, scratchSize * 2);
        }
        scratchIds[scratchSize] = classId;
        scratchFractions[scratchSize++] = fraction;
    }

    /** Fills free tracking slots with the untracked classes that mispredict most now (lowest id first on a tie). */
    private void trackWorst() {
        int free = maxTracked - trackedIds.length;
        if (free <= 0 || trackedIndex.size() == scratchSize) {
            return;
        }
        Integer[] order = new Integer[scratchSize];
        for (int i = 0; i < scratchSize; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> scratchFractions[a] != scratchFractions[b]
                ? Double.compare(scratchFractions[b], scratchFractions[a]) : Long.compare(scratchIds[a], scratchIds[b]));
        for (int k = 0; k < order.length && free > 0; k++) {
            long id = scratchIds[order[k]];
            if (trackedIndex.containsKey(id)) {
                continue;
            }
            int column = trackedIds.length;
            trackedIds = Arrays.copyOf(trackedIds, column + 1);
            trackedIds[column] = id;
            tracked = Arrays.copyOf(tracked, column + 1);
            float[] series = new float[maxPoints];
            Arrays.fill(series, Float.NaN);
            tracked[column] = series;
            trackedIndex.put(id, column);
            free--;
        }
    }

    /** Keeps the later point of each pair and doubles the stride. */
    private void halve() {
        int half = size / 2;
        for (int i = 0; i < half; i++) {
            int from = 2 * i + 1;
            labels[i] = labels[from];
            steps[i] = steps[from];
            ratios[i] = ratios[from];
            restMean[i] = restMean[from];
            restMax[i] = restMax[from];
            for (float[] series : tracked) {
                series[i] = series[from];
            }
        }
        for (float[] series : tracked) {
            Arrays.fill(series, half, size, Float.NaN);
        }
        size = half;
        stride *= 2;
    }

    /** Points kept now. */
    public int size() {
        return size;
    }

    /** Records per point now (1, 2, 4, ...). */
    public long stride() {
        return stride;
    }

    /** An immutable copy, for a report. */
    public Snapshot snapshot() {
        float[][] series = new float[tracked.length][];
        for (int c = 0; c < tracked.length; c++) {
            series[c] = Arrays.copyOf(tracked[c], size);
        }
        return new Snapshot(Arrays.copyOf(labels, size), Arrays.copyOf(steps, size), Arrays.copyOf(ratios, size),
                trackedIds.clone(), series, Arrays.copyOf(restMean, size), Arrays.copyOf(restMax, size), stride);
    }

    /**
     * One mode's history, point by point (arrays of the same length).
     *
     * @param labels labels the mode had counted at each point
     * @param steps the step of the record at each point
     * @param ratios the imbalance ratio (+Infinity: a class of num_classes never seen; NaN: none counted)
     * @param classIds the tracked classes
     * @param fractions per tracked class (same order), its misprediction fraction; NaN before it was tracked
     * @param restMean mean misprediction fraction of the classes not tracked; NaN when there are none
     * @param restMax largest misprediction fraction among them; NaN when there are none
     * @param stride records per point
     */
    public record Snapshot(long[] labels, long[] steps, double[] ratios, long[] classIds, float[][] fractions,
            double[] restMean, double[] restMax, long stride) {
    }
}
