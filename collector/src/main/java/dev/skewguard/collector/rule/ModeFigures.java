package dev.skewguard.collector.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * What one mode's counts say beyond the checks themselves ({@link ModeState#check} runs on every record): its ratio,
 * the labels it can still count before a check could fire ({@link Headroom}), and each class's stats for reports.
 * Read from the counters through {@link ModeState#forEachSeen}; holds nothing.
 */
final class ModeFigures {
    private ModeFigures() {
    }

    /**
     * A lower bound on the labels of classes already taking part that this mode can still count before a check could
     * fire (see {@link Headroom}): below the samples gate, those that keep it below; past it, the fewest labels that
     * could push the largest class over {@code imbalance} times the smallest, or a class's mispredicted fraction over
     * {@code misprediction} (all of them added to that one class, all mispredicted). 0 when it cannot tell.
     */
    static long labelsToSpare(ModeState state, double imbalance, double misprediction, int numClasses,
                              long samplesGate) {
        if (state.samples < samplesGate) {
            return samplesGate - state.samples - 1;
        }
        if (numClasses > state.classesSeen()) {
            return 0; // a class of 0..numClasses-1 never seen: the ratio is infinite
        }
        long[] minMax = {Long.MAX_VALUE, 0};
        double[] spare = {Double.POSITIVE_INFINITY};
        state.forEachSeen((id, count, judged, wrong, windowCount, windowWrong) -> {
            minMax[0] = Math.min(minMax[0], count);
            minMax[1] = Math.max(minMax[1], count);
            if (misprediction < 1) {
                // (wrong + k) / (count + k) <= t  <=>  k <= (t * count - wrong) / (1 - t); over a window the
                // denominator cannot grow past it, so take k <= t * windowCount - wrong (never more).
                double k = state.window() > 0 ? misprediction * windowCount - windowWrong
                        : (misprediction * windowCount - windowWrong) / (1 - misprediction);
                spare[0] = Math.min(spare[0], k);
            }
        });
        if (minMax[1] == 0) {
            return samplesGate > 0 ? samplesGate - 1 : 0;
        }
        spare[0] = Math.min(spare[0], imbalance * minMax[0] - minMax[1]); // (max + k) / min <= t
        // One label less than the bound, against rounding in these doubles.
        double k = Math.floor(spare[0]) - 1;
        return k <= 0 ? 0 : k >= Headroom.UNLIMITED ? Headroom.UNLIMITED : (long) k;
    }

    /** largest count / smallest count over the classes taking part; +Infinity if one has 0; NaN if none seen. */
    static double ratio(ModeState state, int numClasses) {
        long[] minMax = {Long.MAX_VALUE, 0};
        state.forEachSeen((id, count, judged, wrong, wc, ww) -> {
            minMax[0] = Math.min(minMax[0], count);
            minMax[1] = Math.max(minMax[1], count);
        });
        if (minMax[1] == 0) {
            return Double.NaN;
        }
        if (numClasses > state.classesSeen()) {
            return Double.POSITIVE_INFINITY;
        }
        return (double) minMax[1] / minMax[0];
    }

    /** Stats of every class seen, by class id. */
    static List<ClassStats> seenStats(ModeState state) {
        List<ClassStats> out = new ArrayList<>(state.classesSeen());
        state.forEachSeen((id, count, judged, wrong, windowCount, windowWrong) ->
                out.add(new ClassStats(id, count, wrong, fraction(windowWrong, windowCount), judged)));
        out.sort((a, b) -> Long.compare(a.classId(), b.classId()));
        return out;
    }

    static double fraction(long wrong, long count) {
        return count == 0 ? 0.0 : (double) wrong / count;
    }
}
