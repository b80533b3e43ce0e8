package dev.skewguard.collector.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModeHistoryTest {
    /** Offers one record per label count 1..n; classes 0..classes-1, class c mispredicted at fraction c/classes. */
    private static ModeHistory run(ModeHistory history, long n, int classes) {
        for (long i = 1; i <= n; i++) {
            if (history.due()) {
                history.add(i, i, 1.5, v -> {
                    for (int c = 0; c < classes; c++) {
                        v.visit(c, (double) c / classes);
                    }
                });
            }
        }
        return history;
    }

    @Test
    void neverKeepsMoreThanMaxPointsAndSpansTheWholeRun() {
        ModeHistory history = run(new ModeHistory(), 100_000, 3);
        ModeHistory.Snapshot s = history.snapshot();
        assertTrue(history.size() <= ModeHistory.MAX_POINTS, "size " + history.size());
        assertTrue(history.size() >= ModeHistory.MAX_POINTS / 2, "size " + history.size());
        assertEquals(128, history.stride()); // 100,000 records over at most 1,000 points: 2^7 records a point
        assertEquals(history.size(), s.labels().length);
        assertEquals(history.size(), s.ratios().length);
        for (float[] series : s.fractions()) {
            assertEquals(history.size(), series.length);
        }
        assertTrue(s.labels()[0] <= 128, "first point " + s.labels()[0]);
        assertTrue(s.labels()[s.labels().length - 1] > 100_000 - 128, "last point " + s.labels()[s.labels().length - 1]);
        for (int i = 1; i < s.labels().length; i++) {
            assertEquals(history.stride(), s.labels()[i] - s.labels()[i - 1], "evenly spaced at " + i);
        }
    }

    @Test
    void halvingKeepsTheLaterPointOfEachPair() {
        ModeHistory history = run(new ModeHistory(4, 2), 5, 1);
        // points 1,2,3,4, then the fifth record halves them (2 and 4 stay, stride 2) and gets none (5 is odd)
        assertArrayEquals(new long[] {2, 4}, history.snapshot().labels());
        assertTrue(history.due()); // record 6
        history.add(6, 6, 1.0, v -> v.visit(0, 0.0));
        assertArrayEquals(new long[] {2, 4, 6}, history.snapshot().labels());
        assertEquals(2, history.stride());
    }

    @Test
    void tracksAtMostMaxTrackedClassesTheWorstFirstAndSummarisesTheRest() {
        ModeHistory history = run(new ModeHistory(), 10, 1000);
        ModeHistory.Snapshot s = history.snapshot();
        assertEquals(ModeHistory.MAX_TRACKED_CLASSES, s.classIds().length);
        assertEquals(999, s.classIds()[0]);
        assertEquals(1000 - ModeHistory.MAX_TRACKED_CLASSES, s.classIds()[ModeHistory.MAX_TRACKED_CLASSES - 1]);
        assertEquals(0.999f, s.fractions()[0][9], 1e-6);
        int rest = 1000 - ModeHistory.MAX_TRACKED_CLASSES; // classes 0..967
        assertEquals((rest - 1) / 2.0 / 1000, s.restMean()[9], 1e-9);
        assertEquals((rest - 1) / 1000.0, s.restMax()[9], 1e-9);
    }

    @Test
    void aClassTrackedLaterHasNoValuesBeforeIt() {
        ModeHistory history = new ModeHistory(10, 2);
        history.due();
        history.add(1, 1, 1.0, v -> v.visit(7, 0.5));
        history.due();
        history.add(2, 2, 1.0, v -> {
            v.visit(7, 0.25);
            v.visit(9, 0.75);
        });
        ModeHistory.Snapshot s = history.snapshot();
        assertArrayEquals(new long[] {7, 9}, s.classIds());
        assertArrayEquals(new float[] {0.5f, 0.25f}, s.fractions()[0]);
        assertTrue(Float.isNaN(s.fractions()[1][0]));
        assertEquals(0.75f, s.fractions()[1][1]);
        assertTrue(Double.isNaN(s.restMean()[1]), "no class left untracked");
    }
}
