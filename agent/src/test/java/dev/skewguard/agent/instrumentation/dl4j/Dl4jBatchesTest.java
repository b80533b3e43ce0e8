package dev.skewguard.agent.instrumentation.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Dl4jBatchesTest {

    @Test
    void oneHotLabelsBecomeClassIdsAndPreActivationsTheirArgmax() {
        float[][] labels = {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}};
        float[][] preOutput = {{-1, 0.5f, 2}, {3, -2, 0}, {0, 0.1f, -5}};
        Dl4jBatches.Rows rows = Dl4jBatches.rows(labels, preOutput, null, false, false);
        assertArrayEquals(new int[] {2, 0, 1}, rows.labels());
        assertArrayEquals(new int[] {2, 0, 1}, rows.predicted());
        assertNull(rows.scores());
        assertEquals(3, rows.numClasses());
    }

    @Test
    void rowsMaskedOutAreLeftOut() {
        float[][] labels = {{0, 1}, {1, 0}, {0, 1}};
        float[][] outputs = {{0.2f, 0.8f}, {0.9f, 0.1f}, {0.6f, 0.4f}};
        float[][] mask = {{1}, {0}, {1}};
        Dl4jBatches.Rows rows = Dl4jBatches.rows(labels, outputs, mask, true, false);
        assertArrayEquals(new int[] {1, 1}, rows.labels());
        assertArrayEquals(new int[] {1, 0}, rows.predicted());
    }

    @Test
    void sparseClassIdLabelsAreReadAsIds() {
        float[][] labels = {{3}, {0}};
        float[][] outputs = {{0, 0, 0, 9}, {9, 0, 0, 0}};
        Dl4jBatches.Rows rows = Dl4jBatches.rows(labels, outputs, null, false, false);
        assertArrayEquals(new int[] {3, 0}, rows.labels());
        assertArrayEquals(new int[] {3, 0}, rows.predicted());
    }

    @Test
    void singleSigmoidOutputIsBinaryWithTheRightThreshold() {
        float[][] labels = {{1}, {0}, {1}};
        // pre-activation: class 1 above 0; activated (probability): class 1 above 0.5
        assertArrayEquals(new int[] {1, 0, 0},
                Dl4jBatches.rows(labels, new float[][] {{0.3f}, {-2}, {-0.1f}}, null, false, false).predicted());
        assertArrayEquals(new int[] {0, 0, 1},
                Dl4jBatches.rows(labels, new float[][] {{0.3f}, {0.1f}, {0.7f}}, null, true, false).predicted());
        assertEquals(2, Dl4jBatches.rows(labels, new float[][] {{0.3f}, {0.1f}, {0.7f}}, null, true, false).numClasses());
    }

    @Test
    void scoresAreSentOnlyWhenWantedAndActivated() {
        float[][] labels = {{0, 1}};
        Dl4jBatches.Rows rows = Dl4jBatches.rows(labels, new float[][] {{0.25f, 0.75f}}, null, true, true);
        assertArrayEquals(new float[] {0.25f, 0.75f}, rows.scores());
        assertNull(rows.predicted());
        Dl4jBatches.Rows binary = Dl4jBatches.rows(new float[][] {{1}}, new float[][] {{0.75f}}, null, true, true);
        assertArrayEquals(new float[] {0.25f, 0.75f}, binary.scores());
    }

    @Test
    void mismatchedShapesAreAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jBatches.rows(new float[][] {{0, 1, 0}}, new float[][] {{1, 2}}, null, false, false));
        assertTrue(e.getMessage().contains("labels have 3 columns but outputs 2"), e.getMessage());
    }

    @Test
    void onlySoftmaxSigmoidAndIdentityCountAsMonotone() {
        assertTrue(!Dl4jBatches.monotone(null));
        assertTrue(!Dl4jBatches.monotone("a string"));
        assertTrue(Dl4jBatches.monotone(new org.nd4j.linalg.activations.impl.ActivationSoftmax()));
        assertTrue(!Dl4jBatches.monotone(new org.nd4j.linalg.activations.impl.ActivationTanH()));
    }

    @Test
    void flatRowMajorArraysAreSplitIntoRowsAndOtherRanksAreAClearError() {
        float[][] rows = Dl4jBatches.matrix("labels", new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3});
        assertArrayEquals(new float[] {4, 5, 6}, rows[1]);
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> Dl4jBatches.matrix("labels", new float[8], new long[] {2, 2, 2}));
        assertTrue(rank.getMessage().contains("labels of rank 3 are not supported"), rank.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> Dl4jBatches.matrix("outputs", new float[5], new long[] {2, 3}));
        assertTrue(size.getMessage().contains("outputs have 5 values for shape [2, 3]"), size.getMessage());
    }
}
