package dev.skewguard.collector.rule;

import static dev.skewguard.collector.rule.Tensors.int32;
import static dev.skewguard.collector.rule.Tensors.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The headroom is a true lower bound: however its labels fall on known classes and modes, the rule does not fire. */
class HeadroomTest {
    private static final RuleParameters PARAMS = RuleParameters.builder().samples(100).build();

    private static Record batch(Mode mode, int[] labels, int[] predictions) {
        return record(1, mode, "w", int32("labels", labels), int32("predictions", predictions));
    }

    private static int[] fill(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    @Test
    void aFreshRuleKnowsNoModeAndBelowTheGateOnlyTheGateCounts() {
        ClassImbalanceRule rule = new ClassImbalanceRule(PARAMS);
        assertEquals(Set.of(), rule.headroom().modes(), "nothing counted: every mode is new");
        rule.accept(batch(Mode.TRAIN, new int[] {0, 1, 2, 0}, new int[] {0, 1, 2, 0}));
        Headroom h = rule.headroom();
        assertEquals(100 - 4 - 1, h.labels(), "below the samples gate: the labels that keep it below");
        assertEquals(3, h.classesBelow());
        assertEquals(Set.of(Mode.TRAIN), h.modes());
    }

    @Test
    void pastTheGateTheClosestCheckBounds() {
        ClassImbalanceRule rule = new ClassImbalanceRule(PARAMS);
        // 100 of class 0, 50 of class 1, all predicted right: imbalance allows 10 * 50 - 100 = 400 more of class 0;
        // misprediction allows (0.7 * 50 - 0) / 0.3 = 116.7 mispredicted labels of class 1; one less for rounding.
        rule.accept(batch(Mode.TRAIN, concat(fill(100, 0), fill(50, 1)), concat(fill(100, 0), fill(50, 1))));
        Headroom h = rule.headroom();
        assertEquals(115, h.labels());
        assertEquals(2, h.classesBelow());
        assertEquals(57, h.shareOf(2).labels(), "two agents share it");
    }

    @Test
    void noPlacementOfTheHeadroomFiresTheRule() {
        Random random = new Random(7);
        int checked = 0;
        for (int trial = 0; trial < 300; trial++) {
            RuleParameters p = RuleParameters.builder().samples(1 + random.nextInt(200))
                    .thresholdImbalance(1 + random.nextInt(20)).thresholdMisprediction(random.nextDouble())
                    .window(random.nextBoolean() ? 0 : 1 + random.nextInt(100)).build();
            int classes = 2 + random.nextInt(5);
            List<int[][]> history = new ArrayList<>();
            for (int b = 0; b < 1 + random.nextInt(8); b++) {
                int n = 1 + random.nextInt(60);
                int[] labels = new int[n];
                int[] predictions = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = i < classes ? i : random.nextInt(classes); // every class from the first batch
                    predictions[i] = random.nextDouble() < 0.8 ? labels[i] : random.nextInt(classes);
                }
                history.add(new int[][] {labels, predictions});
            }
            ClassImbalanceRule rule = replay(p, history);
            if (rule.finding().isPresent()) {
                assertEquals(Headroom.UNLIMITED, rule.headroom().labels());
                continue;
            }
            Headroom h = rule.headroom();
            int k = (int) Math.min(h.labels(), 100_000);
            // The worst placements: all on one known class, all mispredicted (misprediction) or all right (imbalance).
            for (int target = 0; target < Math.min(classes, h.classesBelow()) && k > 0; target++) {
                for (boolean wrong : new boolean[] {true, false}) {
                    ClassImbalanceRule copy = replay(p, history);
                    int[] labels = fill(k, target);
                    int[] predictions = fill(k, wrong ? (target + 1) % classes : target);
                    assertFalse(copy.accept(batch(Mode.TRAIN, labels, predictions)).isPresent(),
                            "trial " + trial + ": " + k + " labels of class " + target + (wrong ? " mispredicted" : "")
                                    + " fired the rule with headroom " + h + " and " + p);
                    checked++;
                }
            }
        }
        assertTrue(checked > 100, "only " + checked + " placements checked");
    }

    private static ClassImbalanceRule replay(RuleParameters p, List<int[][]> history) {
        ClassImbalanceRule rule = new ClassImbalanceRule(p);
        for (int[][] b : history) {
            rule.accept(batch(Mode.TRAIN, b[0], b[1]));
        }
        return rule;
    }

    @Test
    void onceFiredTheRuleNeverFiresAgain() {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.builder().samples(10).build());
        assertTrue(rule.accept(batch(Mode.EVAL, concat(fill(99, 0), fill(1, 1)), concat(fill(99, 0), fill(1, 1))))
                .isPresent());
        assertEquals(Headroom.UNLIMITED, rule.headroom().labels());
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
