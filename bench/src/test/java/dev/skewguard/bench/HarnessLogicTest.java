package dev.skewguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's own arithmetic and parsing (no benchmark runs here). */
class HarnessLogicTest {
    @Test
    void percentilesAreNearestRank() {
        List<Double> values = List.of(5.0, 1.0, 4.0, 2.0, 3.0);
        assertEquals(3.0, Stats.median(values));
        assertEquals(5.0, Stats.percentile(values, 99));
        assertEquals(1.0, Stats.percentile(values, 0));
        assertEquals(5.0, Stats.max(values));
        List<Double> hundred = new java.util.ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            hundred.add((double) i);
        }
        assertEquals(99.0, Stats.percentile(hundred, 99));
        assertEquals(50.0, Stats.median(hundred));
    }

    @Test
    void tableIsMarkdown() {
        String md = new ResultTable("T", "a", "b").row(1, "x").note("n").markdown();
        assertEquals("### T\n\n| a | b |\n| --- | ---: |\n| 1 | x |\n\nn\n\n", md);
    }

    @Test
    void readsHeapInfo() {
        assertEquals(12345, MemoryBench.heapUsedKb(
                " garbage-first heap   total 262144K, used 12345K [0x0000000700000000, 0x0000000800000000)"));
    }
}
