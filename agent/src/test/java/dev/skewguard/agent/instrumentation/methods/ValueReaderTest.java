package dev.skewguard.agent.instrumentation.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.AbstractList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueReaderTest {

    @Test
    void readsEverySupportedClassIdForm() {
        int[] ints = {0, 2};
        int[] copy = ValueReader.classIds(ints, "x");
        assertArrayEquals(ints, copy);
        assertNotSame(ints, copy, "the agent owns a copy");
        assertArrayEquals(new int[] {1, 3}, ValueReader.classIds(new long[] {1, 3}, "x"));
        assertArrayEquals(new int[] {1, 3}, ValueReader.classIds(new float[] {1f, 3f}, "x"));
        assertArrayEquals(new int[] {1, 3}, ValueReader.classIds(new double[] {1.0, 3.0}, "x"));
        assertArrayEquals(new int[] {1, 3}, ValueReader.classIds(List.of(1, 3L), "x"));
        assertArrayEquals(new int[] {2, 0}, ValueReader.classIds(new double[][] {{0, 0, 1}, {1, 0, 0}}, "x"),
                "one-hot rows become class ids");
    }

    @Test
    void readsScoreMatricesRowMajor() {
        ValueReader.Scores s = ValueReader.scores(new double[][] {{0.1, 0.9}, {0.8, 0.2}}, "x");
        assertEquals(2, s.rows);
        assertEquals(2, s.columns);
        assertArrayEquals(new float[] {0.1f, 0.9f, 0.8f, 0.2f}, s.values);
        assertArrayEquals(new int[] {1, 0}, ValueReader.argmax(s));
    }

    @Test
    void unreadableValuesThrowNamingTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ValueReader.classIds(null, "labels"))
                .getMessage().contains("labels is null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ValueReader.classIds("text", "labels"))
                .getMessage().contains("unsupported type java.lang.String"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ValueReader.classIds(new float[] {1.5f}, "labels")).getMessage().contains("not a whole"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ValueReader.scores(new float[][] {{1f, 2f}, {1f}}, "p")).getMessage().contains("rows differ"));
        List<Integer> exploding = new AbstractList<>() {
            @Override
            public Integer get(int index) {
                throw new IllegalStateException("boom");
            }

            @Override
            public int size() {
                return 2;
            }
        };
        assertThrows(IllegalStateException.class, () -> ValueReader.classIds(exploding, "labels"));
    }
}
