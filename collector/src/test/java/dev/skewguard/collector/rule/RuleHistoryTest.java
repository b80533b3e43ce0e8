package dev.skewguard.collector.rule;

import static dev.skewguard.collector.rule.Tensors.int32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.history.ModeHistory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleHistoryTest {
    @Test
    void theRuleKeepsABoundedHistoryPerMode() {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.DEFAULTS);
        for (int step = 0; step < 5_000; step++) {
            // 4 labels per record: class 0 three times, class 1 once, class 1 always mispredicted as 0
            rule.accept(new Record(step, Mode.TRAIN, "w0", List.of(
                    int32("labels", 0, 0, 0, 1), int32("predictions", 0, 0, 0, 0))));
            if (step % 10 == 0) {
                rule.accept(new Record(step, Mode.EVAL, "w0", List.of(
                        int32("labels", 0, 1), int32("predictions", 0, 1))));
            }
        }
        Map<Mode, ModeHistory.Snapshot> history = rule.history();
        assertEquals(List.of(Mode.TRAIN, Mode.EVAL), List.copyOf(history.keySet()));
        ModeHistory.Snapshot train = history.get(Mode.TRAIN);
        assertTrue(train.labels().length <= ModeHistory.MAX_POINTS);
        int last = train.labels().length - 1;
        assertEquals(8, train.stride()); // 5,000 records over at most 1,000 points
        assertEquals(20_000, train.labels()[last]); // record 5,000 is a multiple of the stride
        assertEquals(4_999, train.steps()[last]);
        assertEquals(4 * 8, train.labels()[last] - train.labels()[last - 1]);
        assertEquals(3.0, train.ratios()[last]);
        assertEquals(1, train.classIds()[0]); // the worst class first
        assertEquals(1.0f, train.fractions()[0][last]);
        assertEquals(0.0f, train.fractions()[1][last]);
        ModeHistory.Snapshot eval = history.get(Mode.EVAL);
        assertEquals(500, eval.labels().length);
        assertEquals(1.0, eval.ratios()[eval.ratios().length - 1]);
    }
}
