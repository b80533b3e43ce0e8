package dev.skewguard.examples.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyntheticClassesTest {

    @Test
    void theLastClassHoldsTheMinorityFractionAndTheOthersShareTheRest() {
        SyntheticClasses data = SyntheticClasses.generate(1000, 4, 0.02, 7);
        assertArrayEquals(new long[] {327, 327, 326, 20}, data.counts(0, 1000));
        assertEquals(1000, data.features.length);
        assertEquals(SyntheticClasses.FEATURES, data.features[0].length);
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOtherData() {
        SyntheticClasses a = SyntheticClasses.generate(200, 3, 1.0 / 3, 42);
        SyntheticClasses b = SyntheticClasses.generate(200, 3, 1.0 / 3, 42);
        SyntheticClasses c = SyntheticClasses.generate(200, 3, 1.0 / 3, 43);
        assertArrayEquals(a.labels, b.labels);
        assertArrayEquals(a.features[17], b.features[17]);
        assertTrue(!java.util.Arrays.equals(a.labels, c.labels));
    }

    @Test
    void badOptionsAreNamedInTheError() {
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> SyntheticClasses.generate(1000, 4, 0.5, 1));
        assertTrue(fraction.getMessage().contains("--minority-fraction must be in (0, 1/classes], was 0.5"),
                fraction.getMessage());
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
                () -> SyntheticClasses.generate(1000, 1, 0.5, 1));
        assertTrue(classes.getMessage().contains("--classes must be at least 2"), classes.getMessage());
    }
}
