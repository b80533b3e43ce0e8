package dev.skewguard.agent.instrumentation.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class XgboostBatchesTest {

    @Test
    void wholeNonNegativeLabelsAreClassIdsOthersAreNot() {
        assertArrayEquals(new int[] {0, 3, 1}, XgboostBatches.classIds(new float[] {0f, 3f, 1f}));
        assertNull(XgboostBatches.classIds(new float[] {0f, 0.5f}));
        assertNull(XgboostBatches.classIds(new float[] {-1f}));
        assertNull(XgboostBatches.classIds(new float[] {Float.NaN}));
        assertNull(XgboostBatches.classIds(null));
    }

    @Test
    void softprobRowsGiveTheirArgmaxOrScores() {
        float[][] predictions = {{0.1f, 0.7f, 0.2f}, {0.5f, 0.2f, 0.3f}};
        XgboostBatches.Rows ids = XgboostBatches.rows(new int[] {1, 2}, predictions, false);
        assertArrayEquals(new int[] {1, 0}, ids.predicted());
        assertEquals(3, ids.numClasses());
        XgboostBatches.Rows scores = XgboostBatches.rows(new int[] {1, 2}, predictions, true);
        assertArrayEquals(new float[] {0.1f, 0.7f, 0.2f, 0.5f, 0.2f, 0.3f}, scores.scores());
    }

    @Test
    void logisticProbabilitiesAreThresholdedAtOneHalf() {
        float[][] predictions = {{0.9f}, {0.2f}, {0.5f}};
        assertArrayEquals(new int[] {1, 0, 0}, XgboostBatches.rows(new int[] {1, 0, 1}, predictions, false).predicted());
        assertArrayEquals(new float[] {0.1f, 0.9f, 0.8f, 0.2f, 0.5f, 0.5f},
                XgboostBatches.rows(new int[] {1, 0, 1}, predictions, true).scores(), 1e-6f);
    }

    @Test
    void softmaxClassIdsAreKept() {
        float[][] predictions = {{2f}, {0f}, {1f}};
        assertArrayEquals(new int[] {2, 0, 1}, XgboostBatches.rows(new int[] {2, 0, 0}, predictions, false).predicted());
    }

    @Test
    void everyNRoundsAndTheTrainingMatrixAreTracked() {
        Object train = new Object();
        XgboostRounds.captureEvery(3);
        try {
            XgboostRounds.trained(train, 6);
            assertEquals(6, XgboostRounds.round());
            assertEquals(true, XgboostRounds.captures(6));
            assertEquals(false, XgboostRounds.captures(7));
            assertEquals(true, XgboostRounds.isTrainingMatrix(train));
            assertEquals(false, XgboostRounds.isTrainingMatrix(new Object()));
        } finally {
            XgboostRounds.captureEvery(1);
        }
    }

    @Test
    void everyOptionParsesOrFallsBackToEveryRound() {
        assertEquals(1, XgboostOptions.parse(null, "test"));
        assertEquals(5, XgboostOptions.parse(" 5 ", "test"));
        assertEquals(1, XgboostOptions.parse("0", "test"));
        assertEquals(1, XgboostOptions.parse("often", "test"));
    }
}
