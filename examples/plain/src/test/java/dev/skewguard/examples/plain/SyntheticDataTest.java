package dev.skewguard.examples.plain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SyntheticDataTest {

    @Test
    void classSizesAreExactAndTheLastClassIsTheMinority() {
        assertArrayEquals(new int[] {990, 10}, SyntheticData.classSizes(1000, 2, 0.01));
        assertArrayEquals(new int[] {334, 333, 333}, SyntheticData.classSizes(1000, 3, 0.333));
        assertArrayEquals(new long[] {800, 800, 400},
                SyntheticData.generate(2000, 3, 4, 0.2, 42, 43).classCounts());
    }

    @Test
    void sameSeedsSameDataAndSameTraining() {
        SyntheticData a = SyntheticData.generate(300, 3, 4, 0.1, 7, 8);
        SyntheticData b = SyntheticData.generate(300, 3, 4, 0.1, 7, 8);
        assertArrayEquals(a.labels, b.labels);
        assertArrayEquals(a.features[123], b.features[123]);
        SoftmaxRegression m1 = new SoftmaxRegression(3, 4, 0.1);
        SoftmaxRegression m2 = new SoftmaxRegression(3, 4, 0.1);
        double[] loss = new double[1];
        int[] p1 = m1.trainBatch(a.features, a.labels, loss);
        int[] p2 = m2.trainBatch(b.features, b.labels, loss);
        assertArrayEquals(p1, p2);
        assertEquals(m1.weightsChecksum(), m2.weightsChecksum());
    }

    @Test
    void evaluateBatchGivesOneProbabilityRowPerSample() {
        SyntheticData d = SyntheticData.generate(10, 2, 3, 0.5, 1, 2);
        double[][] p = new SoftmaxRegression(2, 3, 0.1).evaluateBatch(d.labels, d.features);
        assertEquals(10, p.length);
        assertEquals(1.0, p[0][0] + p[0][1], 1e-12);
    }
}
