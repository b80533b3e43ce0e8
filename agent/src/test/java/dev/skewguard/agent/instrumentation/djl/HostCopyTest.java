package dev.skewguard.agent.instrumentation.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Float labels read in one engine call: their count tells ids from one-hot rows. */
class HostCopyTest {
    @Test
    void asManyValuesAsRowsAreClassIds() {
        assertArrayEquals(new int[] {0, 3, 1}, HostCopy.classIds(new float[] {0f, 3f, 1.9f}, 3, 4),
                "(B) or (B,1): truncated as a cast does");
    }

    @Test
    void rowsTimesClassesValuesAreOneHotRows() {
        float[] oneHot = {0, 1, 0, 0, 0, 0, 0, 1, 0.5f, 0.5f, 0, 0};
        assertArrayEquals(new int[] {1, 3, 0}, HostCopy.classIds(oneHot, 3, 4), "argmax, ties to the lowest");
    }

    @Test
    void anyOtherLayoutIsNotAClassifiersLabels() {
        assertNull(HostCopy.classIds(new float[6], 3, 4), "(B,2) labels with 4 classes: a regression target");
    }
}
