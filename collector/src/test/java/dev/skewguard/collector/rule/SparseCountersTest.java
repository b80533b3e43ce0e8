package dev.skewguard.collector.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparseCountersTest {
    @Test
    void countsLikeAMapThroughManyGrowths() {
        SparseCounters sparse = new SparseCounters();
        Map<Long, long[]> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long id = ModeState.DENSE_LIMIT + random.nextLong(50_000) * 1_000_003L;
            boolean wrong = random.nextInt(3) == 0;
            sparse.count(id, wrong, 0);
            long[] e = expected.computeIfAbsent(id, k -> new long[2]);
            e[0]++;
            e[1] += wrong ? 1 : 0;
        }
        assertEquals(expected.size(), sparse.size());
        int visited = 0;
        for (int slot = 0; slot < sparse.capacity(); slot++) {
            long id = sparse.key(slot);
            if (id < 0) {
                continue;
            }
            visited++;
            long[] e = expected.get(id);
            assertEquals(e[0], sparse.count(slot), "count of " + id);
            assertEquals(e[1], sparse.mispredicted(slot), "mispredicted of " + id);
            assertEquals(slot, sparse.find(id));
        }
        assertEquals(expected.size(), visited);
        assertFalse(sparse.contains(Long.MAX_VALUE));
    }

    @Test
    void keepsAWindowPerClass() {
        SparseCounters sparse = new SparseCounters();
        for (int i = 0; i < 100; i++) {
            sparse.count(3_000_000_000L, i < 90, 10);
        }
        int slot = sparse.find(3_000_000_000L);
        assertTrue(slot >= 0);
        assertEquals(100, sparse.count(slot));
        assertEquals(90, sparse.mispredicted(slot));
        assertEquals(10, sparse.ring(slot).size());
        assertEquals(0, sparse.ring(slot).ones());
    }

    @Test
    void theRuleUsesTheWindowForLargeClassIds() {
        ClassImbalanceRule rule = new ClassImbalanceRule(
                RuleParameters.builder().samples(200).window(50).thresholdImbalance(1000).build());
        long big = 2_000_000_000L;
        long[] labels = new long[200];
        long[] predictions = new long[200];
        for (int i = 0; i < 200; i++) {
            labels[i] = i % 2 == 0 ? big : 1;
            predictions[i] = i < 100 ? 0 : labels[i]; // first half all wrong, second half right
        }
        assertTrue(rule.accept(Tensors.record(1, Tensors.int64("labels", labels),
                Tensors.int64("predictions", predictions))).isEmpty());
        ClassStats c = rule.report().classes().stream().filter(s -> s.classId() == big).findFirst().orElseThrow();
        assertEquals(100, c.count());
        assertEquals(50, c.mispredicted());
        assertEquals(0.0, c.mispredictionFraction());
    }
}
