package dev.skewguard.collector.rule;

import static dev.skewguard.collector.rule.Tensors.concat;
import static dev.skewguard.collector.rule.Tensors.float32;
import static dev.skewguard.collector.rule.Tensors.int64;
import static dev.skewguard.collector.rule.Tensors.record;
import static dev.skewguard.collector.rule.Tensors.repeat;
import static dev.skewguard.collector.rule.Tensors.shape;
import static dev.skewguard.collector.rule.Tensors.uint8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Records with label tensors and no prediction tensor (a `methods` spec without predictions=): their labels count
 * for the imbalance check and the samples gate; the misprediction check uses only the labels that had predictions.
 */
class LabelsWithoutPredictionsTest {
    private static ClassStats classOf(Report report, long id) {
        return report.classes().stream().filter(c -> c.classId() == id).findFirst().orElseThrow();
    }

    @Test
    void labelsAloneAreCountedNotADataError() {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.DEFAULTS);
        rule.accept(record(1, Mode.TRAIN, "w0", uint8("methods/train/labels", 0, 0, 1, 2)));
        rule.accept(record(2, Mode.TRAIN, "w0", uint8("methods/train/labels", 2, 2)));
        Report r = rule.report();
        assertEquals(0, r.dataErrors(), r.dataErrorMessages().toString());
        assertEquals(6, r.samplesSeen());
        assertEquals(2, r.modes().get(Mode.TRAIN).records());
        assertEquals(2, classOf(r, 0).count());
        assertEquals(1, classOf(r, 1).count());
        assertEquals(3, classOf(r, 2).count());
        assertEquals(0, classOf(r, 2).withPredictions());
        assertEquals(0, classOf(r, 2).mispredicted());
        assertEquals(0.0, classOf(r, 2).mispredictionFraction());
    }

    @Test
    void labelsAloneReachTheGateAndFireTheImbalanceCheck() {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.DEFAULTS);
        assertTrue(rule.accept(record(1, uint8("labels", concat(repeat(0, 480), repeat(1, 19))))).isEmpty());
        Optional<Finding> f = rule.accept(record(2, uint8("labels", 0)));
        assertTrue(f.isPresent(), "the 500th label reaches the gate");
        assertEquals(List.of(Finding.IMBALANCE), f.get().checks());
        assertEquals(481.0 / 19, f.get().ratio());
        assertEquals(500, f.get().labels());
    }

    @Test
    void theMispredictionCheckUsesOnlyLabelsThatHadPredictions() {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.builder().samples(1).build());
        // Class 1: 3 labels with predictions, all wrong; 97 more without. 3 / 3 > 0.7, not 3 / 100.
        rule.accept(record(1, uint8("a/labels", 1, 1, 1), uint8("a/predictions", 0, 0, 0)));
        Report before = rule.report();
        assertTrue(before.triggered());
        assertEquals(List.of(Finding.MISPREDICTION), before.finding().orElseThrow().checks());

        ClassImbalanceRule mixed = new ClassImbalanceRule(RuleParameters.builder().samples(100).build());
        assertTrue(mixed.accept(record(1, uint8("a/labels", repeat(1, 97)))).isEmpty());
        Optional<Finding> f = mixed.accept(record(2, uint8("a/labels", 1, 1, 1), uint8("a/predictions", 0, 0, 0)));
        assertTrue(f.isPresent());
        assertEquals(List.of(Finding.MISPREDICTION), f.get().checks());
        ClassStats one = classOf(mixed.report(), 1);
        assertEquals(100, one.count());
        assertEquals(3, one.withPredictions());
        assertEquals(3, one.mispredicted());
        assertEquals(1.0, one.mispredictionFraction());
    }

    @Test
    void aClassSeenOnlyWithoutPredictionsNeverFiresTheMispredictionCheck() {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.builder().samples(1).build());
        rule.accept(record(1, uint8("a/labels", repeat(5, 10))));
        rule.accept(record(2, uint8("a/labels", 3, 3), uint8("a/predictions", 3, 3)));
        Report r = rule.report();
        assertTrue(!r.triggered(), r.summary());
        assertEquals(10, classOf(r, 5).count());
        assertEquals(0, classOf(r, 5).withPredictions());
    }

    @Test
    void everyLabelTensorOfARecordWithoutPredictionsCounts() {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.DEFAULTS);
        rule.accept(record(1, uint8("a/labels", 0, 1), int64("b/labels", 1, 70_000),
                float32("c/labels", shape(2, 3), 0, 0, 1, 1, 0, 0)));
        Report r = rule.report();
        assertEquals(0, r.dataErrors(), r.dataErrorMessages().toString());
        assertEquals(6, r.samplesSeen());
        assertEquals(2, classOf(r, 0).count());
        assertEquals(1, classOf(r, 70_000).count(), "a large id: the sparse counters");
        assertEquals(0, classOf(r, 70_000).withPredictions());
    }

    @Test
    void badLabelsWithoutPredictionsAreDataErrors() {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.builder().numClasses(3).build());
        rule.accept(record(4, Mode.TRAIN, "w1", int64("a/labels", 1, -2)));
        rule.accept(record(5, Mode.TRAIN, "w1", int64("a/labels", 3)));
        Report r = rule.report();
        assertEquals(2, r.dataErrors());
        assertTrue(r.dataErrorMessages().get(0).startsWith("train step 4 worker w1: "), r.dataErrorMessages().get(0));
        assertTrue(r.modes().isEmpty(), "nothing of a bad record is counted");
    }

    @Test
    void predictionsWithoutLabelsRemainADataError() {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.DEFAULTS);
        rule.accept(record(4, uint8("a/predictions", 1)));
        assertEquals(1, rule.report().dataErrors());
        assertEquals("global step 4: 0 label tensor(s) [] but 1 prediction tensor(s) [a/predictions]",
                rule.report().dataErrorMessages().get(0));
    }
}
