package dev.skewguard.collector.advice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.rule.ClassStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassWeightsTest {
    private static ClassStats c(long id, long count) {
        return new ClassStats(id, count, 0, 0.0);
    }

    @Test
    void binaryWeightsAreNOverKTimesCountAndScalePosWeightIsNegativesOverPositives() {
        ClassWeights w = ClassWeights.of(List.of(c(1, 10), c(0, 990)));
        assertEquals(1000, w.labels());
        assertEquals(2, w.classesSeen());
        assertEquals(0, w.weights().get(0).classId(), "by class id");
        assertEquals(1000.0 / (2 * 990), w.weights().get(0).weight(), 1e-12);
        assertEquals(50.0, w.weights().get(1).weight(), 1e-12);
        assertEquals(99.0, w.scalePosWeight().orElseThrow(), 1e-12);
        assertEquals(w.weights().get(1).weight() / w.weights().get(0).weight(), w.scalePosWeight().get(), 1e-9);
    }

    @Test
    void weightedCountsAreEqualAndSumToTheLabels() {
        ClassWeights w = ClassWeights.of(List.of(c(0, 700), c(1, 200), c(2, 70), c(3, 30)));
        double sum = 0;
        for (ClassWeights.Weight x : w.weights()) {
            assertEquals(1000.0 / 4, x.count() * x.weight(), 1e-9, "every class counts N / K once weighted");
            sum += x.count() * x.weight();
        }
        assertEquals(1000, sum, 1e-9);
        assertTrue(w.scalePosWeight().isEmpty(), "no scale_pos_weight for 4 classes");
    }

    @Test
    void balancedCountsGiveWeightOne() {
        ClassWeights w = ClassWeights.of(List.of(c(0, 250), c(1, 250), c(2, 250)));
        w.weights().forEach(x -> assertEquals(1.0, x.weight(), 1e-12));
    }

    @Test
    void unseenClassesGetNoWeightAndOneInTheVector() {
        ClassWeights w = ClassWeights.of(List.of(c(0, 90), c(1, 10), c(2, 0)));
        assertEquals(List.of(2L), w.unseen());
        assertEquals(2, w.classesSeen());
        assertEquals(100.0 / (2 * 90), w.weights().get(0).weight(), 1e-12);
        assertTrue(w.scalePosWeight().isEmpty(), "class 2 takes part: not binary");
        assertArrayEquals(new double[] {100.0 / 180, 5.0, 1.0}, w.dense(32).orElseThrow(), 1e-12);
        assertTrue(w.dense(2).isEmpty(), "ids beyond the bound: no vector");
    }

    @Test
    void weightsAreWrittenWithFourSignificantDigits() {
        assertEquals("0.5051", ClassWeights.format(1000.0 / 1980));
        assertEquals("50", ClassWeights.format(50.0));
        assertEquals("1234", ClassWeights.format(1234.4));
        assertEquals("1.235e+05", ClassWeights.format(123456.0));
    }
}
