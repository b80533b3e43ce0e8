package dev.skewguard.agent.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** One-column labels and outputs of a binary classifier, as class ids and [1 - p, p] score rows. */
class BinaryColumnTest {
    @Test
    void zeroOneLabelsAreClassIds() {
        assertArrayEquals(new int[] {0, 1, 1, 0}, BinaryColumn.classIds(new float[] {0f, 1f, 1f, 0f}, false));
    }

    @Test
    void withASigmoidLossSmoothedLabelsAreRoundedAtOneHalf() {
        assertArrayEquals(new int[] {0, 1, 1}, BinaryColumn.classIds(new float[] {0.05f, 0.95f, 0.5f}, true));
    }

    @Test
    void otherValuesAreARegressionTargetNotAClassifiersLabels() {
        assertNull(BinaryColumn.classIds(new float[] {0f, 0.3f}, false), "fractions without a sigmoid loss");
        assertNull(BinaryColumn.classIds(new float[] {0f, 2f}, true), "a value above 1 even with one");
        assertNull(BinaryColumn.classIds(new float[] {Float.NaN}, true), "NaN");
    }

    @Test
    void logitsAreClassOneAboveZero() {
        float[] rows = BinaryColumn.scores(new float[] {-2f, 0f, 3f}, BinaryColumn.Outputs.LOGITS);
        assertArrayEquals(new int[] {0, 0, 1}, RowArgmax.of(rows, 2), "0 is p = 0.5: class 0, as a tie goes low");
        assertArrayEquals(new float[] {0.880797f, 0.119203f}, new float[] {rows[0], rows[1]}, 1e-5f);
    }

    @Test
    void probabilitiesAreClassOneAboveOneHalf() {
        float[] rows = BinaryColumn.scores(new float[] {0.2f, 0.5f, 0.7f}, BinaryColumn.Outputs.PROBABILITIES);
        assertArrayEquals(new float[] {0.8f, 0.2f, 0.5f, 0.5f, 0.3f, 0.7f}, rows, 1e-6f);
        assertArrayEquals(new int[] {0, 0, 1}, RowArgmax.of(rows, 2));
    }

    @Test
    void anUnknownLossReadsValuesWithinTheUnitIntervalAsProbabilities() {
        assertArrayEquals(new int[] {0, 1}, RowArgmax.of(
                BinaryColumn.scores(new float[] {0.3f, 0.6f}, BinaryColumn.Outputs.UNKNOWN), 2), "probabilities");
        assertArrayEquals(new int[] {1, 1, 0}, RowArgmax.of(
                BinaryColumn.scores(new float[] {0.3f, 0.6f, -1f}, BinaryColumn.Outputs.UNKNOWN), 2),
                "one value outside [0, 1]: all are logits");
    }
}
