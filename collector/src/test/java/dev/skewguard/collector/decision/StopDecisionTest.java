package dev.skewguard.collector.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.rule.ClassImbalanceRule;
import dev.skewguard.collector.rule.DType;
import dev.skewguard.collector.rule.Finding;
import dev.skewguard.collector.rule.Headroom;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.Record;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.rule.Tensor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stop decision over the rule's own checks, record by record, with the seed's rule defaults. */
class StopDecisionTest {
    private final ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.DEFAULTS);

    private static Tensor uint8(String name, int[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return Tensor.of(name, new long[] {values.length}, DType.UINT8, ByteBuffer.wrap(bytes));
    }

    private static Record batch(long step, Mode mode, int[] labels, int[] predictions) {
        return new Record(step, mode, "w0", List.of(uint8("labels", labels), uint8("predictions", predictions)));
    }

    /** Feeds one record to the rule and the decision, as the server's Job does. */
    private StopDecision.Update feed(StopDecision decision, Record record) {
        rule.accept(record);
        return decision.afterRecord();
    }

    /** {@code n} labels cycling over {@code classes} classes. */
    private static int[] balanced(int n, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    @Test
    void aFirstBatchOf1000LabelsAllMispredictedTriggersButDoesNotStop() {
        StopDecision decision = new StopDecision(rule, Patience.DEFAULTS);
        int[] labels = balanced(1000, 4);
        StopDecision.Update first = feed(decision, batch(1, Mode.TRAIN, labels, new int[1000])); // all "class 0"
        Finding trigger = rule.finding().orElseThrow();
        assertEquals(1, trigger.step(), "the rule's first trigger is unchanged");
        assertEquals(List.of(Finding.MISPREDICTION), trigger.checks());
        assertEquals(1, first.started().size());
        assertTrue(first.decided().isEmpty(), "one batch is no span");
        // The model learns: from step 2 on it predicts every label right; the mispredictions fade.
        boolean reset = false;
        for (int step = 2; step <= 40; step++) {
            StopDecision.Update u = feed(decision, batch(step, Mode.TRAIN, balanced(100, 4), balanced(100, 4)));
            assertTrue(u.decided().isEmpty(), "step " + step);
            reset |= !u.ended().isEmpty();
        }
        assertTrue(reset, "the misprediction check stopped firing: the decision reset");
        assertTrue(decision.decision().isEmpty());
        assertEquals(1, decision.report().ended());
        assertTrue(decision.report().holding().isEmpty());
    }

    /**
     * A balanced model that learns slowly: it predicts class 0 for everything at first and gets a growing share of
     * each batch right (all of it after 400 batches of 32). The misprediction check fires at the samples gate (step
     * 15, 512 labels) and keeps firing for thousands of labels; the default patience never stops it.
     */
    @Test
    void aSlowlyLearningBalancedModelIsNeverStopped() {
        StopDecision decision = new StopDecision(rule, Patience.DEFAULTS);
        for (int step = 0; step < 1000; step++) {
            int[] labels = balanced(32, 4);
            int[] predictions = new int[32];
            int right = (int) Math.round(32 * Math.min(1.0, step / 400.0));
            System.arraycopy(labels, 0, predictions, 0, right);
            assertTrue(feed(decision, batch(step, Mode.TRAIN, labels, predictions)).decided().isEmpty(),
                    "step " + step);
        }
        Finding trigger = rule.finding().orElseThrow();
        assertEquals(15, trigger.step());
        assertEquals(512, trigger.labels());
        assertTrue(decision.decision().isEmpty());
        assertFalse(rule.lastChecked().orElseThrow().fired(), "learned: the check no longer fires");

        // The same model judged without patience would have been stopped at the first trigger.
        ClassImbalanceRule again = new ClassImbalanceRule(RuleParameters.DEFAULTS);
        StopDecision impatient = new StopDecision(again, Patience.NONE);
        Optional<Decision> stopped = Optional.empty();
        for (int step = 0; stopped.isEmpty(); step++) {
            again.accept(batch(step, Mode.TRAIN, balanced(32, 4), new int[32]));
            stopped = impatient.afterRecord().decided();
        }
        assertEquals(15, stopped.get().finding().step());
        assertTrue(stopped.get().atFirstTrigger());
    }

    @Test
    void anImbalancedJobIsStoppedOnceTheImbalanceHeldOverItsPatience() {
        StopDecision decision = new StopDecision(rule, Patience.DEFAULTS);
        int[] skewed = new int[100];
        skewed[99] = 1; // 99 of class 0, 1 of class 1: ratio 99
        Optional<Decision> decided = Optional.empty();
        int step = 0;
        while (decided.isEmpty()) {
            step++;
            decided = feed(decision, batch(step, Mode.TRAIN, skewed, skewed)).decided();
            if (step == 4) {
                assertEquals(500 - 400 - 1, decision.headroom().labels(), "before the gate: the rule's headroom");
            }
            if (step == 5) {
                assertEquals(0, decision.headroom().labels(), "triggered, not decided: senders keep their pace");
            }
        }
        assertEquals(Headroom.UNLIMITED, decision.headroom().labels());
        Decision d = decided.get();
        assertEquals(15, step, "gate at step 5 (500 labels), then 1,000 labels more");
        assertEquals(5, d.firstTrigger().step());
        assertEquals(5, d.heldSinceStep());
        assertEquals(500, d.heldSinceLabels());
        assertEquals(1000, d.heldLabels());
        assertEquals(List.of(Finding.IMBALANCE), d.held());
        assertEquals(99.0, d.finding().ratio());
        assertEquals(1500, d.finding().labels());
        assertFalse(d.atFirstTrigger());
        assertTrue(d.summary().endsWith("; imbalance held over 1,000 train labels since train step 5; first trigger "
                + "at train step 5"), d.summary());
        // Taken once: later records change nothing.
        assertTrue(feed(decision, batch(16, Mode.TRAIN, skewed, skewed)).decided().isEmpty());
        assertEquals(d, decision.decision().orElseThrow());
    }

    @Test
    void patienceZeroDecidesOnTheFirstTrigger() {
        StopDecision decision = new StopDecision(rule, Patience.NONE);
        int[] skewed = new int[1000];
        for (int i = 990; i < 1000; i++) {
            skewed[i] = 1;
        }
        Decision d = feed(decision, batch(3, Mode.GLOBAL, skewed, skewed)).decided().orElseThrow();
        assertTrue(d.atFirstTrigger());
        assertEquals(0, d.heldLabels());
        assertEquals(rule.finding().orElseThrow(), d.firstTrigger());
    }

    @Test
    void eachModeHoldsOnItsOwn() {
        StopDecision decision = new StopDecision(rule, new Patience(1000, 1000));
        int[] skewed = new int[500];
        skewed[0] = 1; // ratio 499
        int[] fair = balanced(500, 2);
        feed(decision, batch(1, Mode.TRAIN, skewed, skewed)); // train: span from 500 labels
        feed(decision, batch(1, Mode.EVAL, skewed, skewed)); // eval: span from 500 labels
        feed(decision, batch(2, Mode.TRAIN, skewed, skewed)); // train held 500
        StopDecision.Update evalBalanced = feed(decision, batch(2, Mode.EVAL, fair, fair)); // eval: 499 / 251 < 10
        assertEquals(Mode.EVAL, evalBalanced.ended().get(0).mode(), "only eval's span ends");
        List<Span> holding = decision.report().holding();
        assertEquals(1, holding.size());
        assertEquals(Mode.TRAIN, holding.get(0).mode());
        assertEquals(500, holding.get(0).heldLabels());
        Decision d = feed(decision, batch(3, Mode.TRAIN, skewed, skewed)).decided().orElseThrow();
        assertEquals(Mode.TRAIN, d.finding().mode());
        assertEquals(1000, d.heldLabels());
    }

    @Test
    void recordsTheRuleDidNotCheckChangeNothing() {
        StopDecision decision = new StopDecision(rule, new Patience(1000, 1000));
        int[] skewed = new int[500];
        skewed[0] = 1;
        feed(decision, batch(1, Mode.TRAIN, skewed, skewed));
        // A bad record (lengths differ) and a record in which nothing matches: skipped, the span goes on.
        assertEquals(StopDecision.Update.NOTHING, feed(decision, batch(2, Mode.TRAIN, new int[3], new int[2])));
        rule.accept(new Record(3, Mode.TRAIN, "w0", List.of(uint8("y_true", new int[5]))));
        assertEquals(StopDecision.Update.NOTHING, decision.afterRecord());
        feed(decision, batch(4, Mode.TRAIN, skewed, skewed));
        Decision d = feed(decision, batch(5, Mode.TRAIN, skewed, skewed)).decided().orElseThrow();
        assertEquals(1, d.heldSinceStep());
        assertEquals(1, rule.report().dataErrors());
    }

    @Test
    void negativePatienceIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Patience(-1, 0));
        assertTrue(e.getMessage().contains("imbalance patience"), e.getMessage());
    }
}
