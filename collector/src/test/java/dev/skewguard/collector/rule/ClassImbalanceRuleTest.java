package dev.skewguard.collector.rule;

import static dev.skewguard.collector.rule.Tensors.concat;
import static dev.skewguard.collector.rule.Tensors.float32;
import static dev.skewguard.collector.rule.Tensors.float64;
import static dev.skewguard.collector.rule.Tensors.int32;
import static dev.skewguard.collector.rule.Tensors.int64;
import static dev.skewguard.collector.rule.Tensors.record;
import static dev.skewguard.collector.rule.Tensors.repeat;
import static dev.skewguard.collector.rule.Tensors.shape;
import static dev.skewguard.collector.rule.Tensors.uint16;
import static dev.skewguard.collector.rule.Tensors.uint8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClassImbalanceRuleTest {
    private static final RuleParameters LABELS_ONLY =
            RuleParameters.builder().labelsRegex("labels_0").predictionsRegex("labels_0").build();

    private static ClassImbalanceRule rule(RuleParameters p) {
        return new ClassImbalanceRule(p);
    }

    /** labels and predictions as INT32 tensors named as the defaults expect. */
    private static Record batch(long step, int[] labels, int[] predictions) {
        return record(step, int32("train/labels", labels), int32("train/predictions", predictions));
    }

    private static ClassStats classOf(Report report, long id) {
        return report.classes().stream().filter(c -> c.classId() == id).findFirst().orElseThrow();
    }

    // --- the original's known test ---------------------------------------------------------------------------

    @Test
    void knownCaseTriggersAtStep3OnImbalanceWithRatio99() {
        ClassImbalanceRule rule = rule(LABELS_ONLY);
        Optional<Finding> f = rule.accept(record(3, float32("labels_0", shape(1000),
                toFloats(concat(repeat(0, 990), repeat(1, 10))))));
        assertTrue(f.isPresent());
        assertEquals(3, f.get().step());
        assertEquals(List.of(Finding.IMBALANCE), f.get().checks());
        assertEquals(99.0, f.get().ratio());
        // worst first: the under-represented class, then the largest
        assertEquals(1, f.get().classes().get(0).classId());
        assertEquals(10, f.get().classes().get(0).count());
        assertEquals(0, f.get().classes().get(1).classId());
        assertTrue(f.get().summary().contains("imbalance ratio 99.0 > 10.0"), f.get().summary());
        assertTrue(f.get().summary().contains("step 3"), f.get().summary());
    }

    // --- imbalance ---------------------------------------------------------------------------------------------

    @Test
    void ratioExactlyAtThresholdDoesNotTriggerAndJustAboveDoes() {
        int[] tenToOne = concat(repeat(0, 1000), repeat(1, 100));
        assertTrue(rule(LABELS_ONLY).accept(record(1, int32("labels_0", tenToOne))).isEmpty());
        int[] above = concat(repeat(0, 1001), repeat(1, 100));
        assertTrue(rule(LABELS_ONLY).accept(record(1, int32("labels_0", above))).isPresent());

        RuleParameters p = LABELS_ONLY.toBuilder().thresholdImbalance(2.3).samples(1).build();
        assertTrue(rule(p).accept(record(1, int32("labels_0", concat(repeat(0, 230), repeat(1, 100)))))
                .isEmpty());
        assertTrue(rule(p).accept(record(1, int32("labels_0", concat(repeat(0, 231), repeat(1, 100)))))
                .isPresent());
    }

    @Test
    void oneClassAloneHasRatioOne() {
        ClassImbalanceRule rule = rule(LABELS_ONLY);
        assertTrue(rule.accept(record(1, int32("labels_0", repeat(4, 600)))).isEmpty());
        assertEquals(1.0, rule.report().ratio());
    }

    // --- the samples gate --------------------------------------------------------------------------------------

    @Test
    void fewerLabelsThanSamplesNeverTrigger() {
        ClassImbalanceRule rule = rule(LABELS_ONLY);
        // 499 labels, ratio 498 and every label... still below the gate of 500
        assertTrue(rule.accept(record(1, int32("labels_0", concat(repeat(0, 498), repeat(1, 1))))).isEmpty());
        assertFalse(rule.report().triggered());
        assertEquals(499, rule.report().samplesSeen());
        // the 500th label reaches the gate
        Optional<Finding> f = rule.accept(record(2, int32("labels_0", 0)));
        assertTrue(f.isPresent());
        assertEquals(2, f.get().step());
    }

    @Test
    void fewerLabelsThanSamplesNeverTriggerEvenWithEveryPredictionWrong() {
        ClassImbalanceRule rule = rule(RuleParameters.DEFAULTS);
        for (int step = 0; step < 4; step++) {
            assertTrue(rule.accept(batch(step, repeat(0, 100), repeat(1, 100))).isEmpty());
        }
        assertTrue(rule.accept(batch(4, repeat(0, 99), repeat(1, 99))).isEmpty());
        assertTrue(rule.accept(batch(5, repeat(0, 1), repeat(1, 1))).isPresent());
    }

    @Test
    void countsAddAcrossStepsAndWorkersToCrossTheGate() {
        ClassImbalanceRule rule = rule(RuleParameters.DEFAULTS);
        int[] labels = concat(repeat(0, 95), repeat(1, 5)); // ratio 19 in every batch
        for (int i = 0; i < 4; i++) {
            assertTrue(rule.accept(record(10 + i, Mode.TRAIN, "w" + i, int32("djl/train/labels", labels),
                    int32("djl/train/predictions", labels))).isEmpty(), "batch " + i);
        }
        Optional<Finding> f = rule.accept(record(7, Mode.TRAIN, "w4", int32("djl/train/labels", labels),
                int32("djl/train/predictions", labels)));
        assertTrue(f.isPresent());
        assertEquals(7, f.get().step());
        assertEquals("w4", f.get().worker());
        assertEquals(Mode.TRAIN, f.get().mode());
        assertEquals(19.0, f.get().ratio());
        assertEquals(475, classOf(rule.report(), 0).count());
    }

    @Test
    void modesKeepSeparateStates() {
        ClassImbalanceRule rule = rule(RuleParameters.DEFAULTS);
        int[] labels = concat(repeat(0, 290), repeat(1, 10));
        assertTrue(rule.accept(record(1, Mode.TRAIN, "w", int32("labels", labels), int32("predictions", labels)))
                .isEmpty());
        assertTrue(rule.accept(record(1, Mode.EVAL, "w", int32("labels", labels), int32("predictions", labels)))
                .isEmpty(), "300 train + 300 eval labels do not add up");
        Optional<Finding> f = rule.accept(
                record(2, Mode.EVAL, "w", int32("labels", labels), int32("predictions", labels)));
        assertTrue(f.isPresent());
        assertEquals(Mode.EVAL, f.get().mode());
        Report r = rule.report();
        assertEquals(300, r.modes().get(Mode.TRAIN).samplesSeen());
        assertEquals(600, r.modes().get(Mode.EVAL).samplesSeen());
        assertEquals(Mode.EVAL, r.reportedMode().orElseThrow());
    }

    // --- misprediction -----------------------------------------------------------------------------------------

    /** Class 0: 100 labels, {@code wrong} of them predicted 1; class 1: 100 labels, all right. */
    private static Optional<Finding> mispredict(int wrong, double threshold) {
        int[] labels = concat(repeat(0, 100), repeat(1, 100));
        int[] predictions = concat(repeat(1, wrong), repeat(0, 100 - wrong), repeat(1, 100));
        RuleParameters p = RuleParameters.builder().samples(200).thresholdMisprediction(threshold).build();
        return rule(p).accept(batch(1, labels, predictions));
    }

    @Test
    void mispredictionOf071TriggersAnd070DoesNot() {
        Optional<Finding> f = mispredict(71, 0.7);
        assertTrue(f.isPresent());
        assertEquals(List.of(Finding.MISPREDICTION), f.get().checks());
        assertEquals(0, f.get().classes().get(0).classId());
        assertEquals(0.71, f.get().classes().get(0).mispredictionFraction());
        assertTrue(mispredict(70, 0.7).isEmpty());
    }

    @Test
    void everyFractionExactlyAtItsDecimalThresholdDoesNotTrigger() {
        for (int k = 0; k < 100; k++) {
            double threshold = new BigDecimal(k).movePointLeft(2).doubleValue(); // 0.0, 0.01, ..., 0.99
            assertTrue(mispredict(k, threshold).isEmpty(), k + "/100 at threshold " + threshold);
            assertTrue(mispredict(k + 1, threshold).isPresent(), (k + 1) + "/100 at threshold " + threshold);
        }
    }

    @Test
    void mispredictionClassesAreWorstFirst() {
        int[] labels = concat(repeat(0, 100), repeat(1, 100), repeat(2, 100));
        int[] predictions = concat(repeat(1, 80), repeat(0, 20), repeat(2, 95), repeat(1, 5), repeat(2, 100));
        RuleParameters p = RuleParameters.builder().samples(300).build();
        Finding f = rule(p).accept(batch(1, labels, predictions)).orElseThrow();
        assertEquals(List.of(1L, 0L), f.classes().stream().map(ClassStats::classId).toList());
        assertEquals(95, f.classes().get(0).mispredicted());
    }

    @Test
    void bothChecksCanFireTogether() {
        int[] labels = concat(repeat(0, 990), repeat(1, 10));
        int[] predictions = repeat(0, 1000);
        Finding f = rule(RuleParameters.DEFAULTS).accept(batch(1, labels, predictions)).orElseThrow();
        assertEquals(List.of(Finding.IMBALANCE, Finding.MISPREDICTION), f.checks());
        assertEquals(1, f.classes().get(0).classId());
        assertEquals(1.0, f.classes().get(0).mispredictionFraction());
        assertTrue(f.summary().contains("misprediction above 0.7 for class 1"), f.summary());
    }

    // --- argmax and shapes -------------------------------------------------------------------------------------

    @Test
    void argmaxOverScoreVectorsWithTiesToTheLowestIndex() {
        RuleParameters p = RuleParameters.builder().argmax(true).build();
        ClassImbalanceRule rule = rule(p);
        Tensor labels = int32("labels", 0, 1, 2, 0);
        Tensor scores = float32("predictions", shape(4, 3),
                0.7f, 0.2f, 0.1f, // 0: right
                0.1f, 0.3f, 0.6f, // 2: wrong (label 1)
                0.4f, 0.4f, 0.2f, // tie 0/1 -> 0: wrong (label 2)
                0.3f, 0.3f, 0.3f); // tie -> 0: right
        assertTrue(rule.accept(record(1, labels, scores)).isEmpty());
        Report r = rule.report();
        assertEquals(2, classOf(r, 0).count());
        assertEquals(0, classOf(r, 0).mispredicted());
        assertEquals(1, classOf(r, 1).mispredicted());
        assertEquals(1, classOf(r, 2).mispredicted());
        assertEquals(0, r.dataErrors());
    }

    @Test
    void scoreVectorsWithArgmaxFalseAreAConfigurationErrorSaidOnce() {
        ClassImbalanceRule rule = rule(RuleParameters.DEFAULTS);
        for (int step = 0; step < 3; step++) {
            assertTrue(rule.accept(record(step, int32("labels", 0, 1),
                    float32("predictions", shape(2, 3), 0.9f, 0.05f, 0.05f, 0.1f, 0.8f, 0.1f))).isEmpty());
        }
        Report r = rule.report();
        assertEquals("tensor \"predictions\": predictions are score vectors over 3 classes (shape [2, 3]): "
                + "set argmax=true", r.configurationError().orElseThrow());
        assertEquals(3, r.configurationErrorRecords());
        assertEquals(0, r.samplesSeen(), "never silently flattened");
        assertEquals(0, r.dataErrors());
        assertTrue(r.summary().contains("set argmax=true"), r.summary());
    }

    @Test
    void oneHotLabelsBecomeClassIds() {
        RuleParameters p = RuleParameters.builder().samples(3).build();
        ClassImbalanceRule rule = rule(p);
        Tensor oneHot = float32("labels", shape(3, 3), 0, 0, 1, 1, 0, 0, 0, 0, 1);
        assertTrue(rule.accept(record(1, oneHot, int32("predictions", 2, 0, 1))).isEmpty());
        Report r = rule.report();
        assertEquals(2, classOf(r, 2).count());
        assertEquals(1, classOf(r, 2).mispredicted());
        assertEquals(1, classOf(r, 0).count());
        assertEquals(0, classOf(r, 0).mispredicted());
    }

    @Test
    void integralValuesOfAnyTypeAndShapeNby1AreClassIds() {
        RuleParameters p = RuleParameters.builder().samples(1).thresholdImbalance(100).build();
        ClassImbalanceRule rule = rule(p);
        rule.accept(record(1, float64("labels", shape(2, 1), 3.0, 5.0), uint8("predictions", 3, 4)));
        rule.accept(record(2, uint16("labels", 3, 5), int64("predictions", 3, 5)));
        rule.accept(record(3, int64("labels", 5), float32("predictions", shape(1, 1), 5f)));
        Report r = rule.report();
        assertEquals(0, r.dataErrors(), r.dataErrorMessages().toString());
        assertEquals(2, classOf(r, 3).count());
        assertEquals(3, classOf(r, 5).count());
        assertEquals(1, classOf(r, 5).mispredicted());
    }

    @Test
    void uint8FastPathCountsLikeTheGeneralPath() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        RuleParameters p = RuleParameters.builder().samples(Integer.MAX_VALUE).build();
        ClassImbalanceRule fast = rule(p);
        ClassImbalanceRule general = rule(p);
        int[] sizes = {256, 253, 7, 8, 0, 1, 1000, 17};
        int[] classRanges = {10, 256, 3, 2, 40, 7, 256, 200};
        java.util.Set<Integer> distinct = new java.util.HashSet<>();
        for (int step = 0; step < sizes.length; step++) {
            int n = sizes[step];
            int[] labels = new int[n];
            int[] predictions = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(classRanges[step]);
                distinct.add(labels[i]);
                predictions[i] = random.nextInt(4) == 0 ? random.nextInt(256) : labels[i];
            }
            fast.accept(record(step, uint8("labels", labels), uint8("predictions", predictions)));
            general.accept(batch(step, labels, predictions));
            assertEquals(general.report().classes(), fast.report().classes(), "after step " + step);
        }
        // every id 0..255 at every byte position of the 8-byte words, each mispredicted once
        int[] all = new int[264];
        int[] shifted = new int[264];
        for (int i = 0; i < all.length; i++) {
            all[i] = i % 256;
            shifted[i] = i < 256 ? (all[i] + 1) % 256 : all[i];
            distinct.add(all[i]);
        }
        fast.accept(record(99, uint8("labels", all), uint8("predictions", shifted)));
        general.accept(batch(99, all, shifted));
        assertEquals(general.report().classes(), fast.report().classes());
        assertEquals(general.report().samplesSeen(), fast.report().samplesSeen());
        assertEquals(distinct.size(), fast.report().classes().size());
        assertTrue(distinct.contains(255) && distinct.size() > 200, distinct.toString());
    }

    // --- tensor names ------------------------------------------------------------------------------------------

    @Test
    void regexesUseSearchSemantics() {
        RuleParameters p = RuleParameters.builder().samples(1).thresholdImbalance(1000).build();
        ClassImbalanceRule rule = rule(p);
        rule.accept(record(1, int32("djl/train/labels", 1), int32("djl/train/predictions", 1)));
        assertEquals(1, rule.report().samplesSeen());
        ClassImbalanceRule search = rule(p.toBuilder().labelsRegex("labels").predictionsRegex("pred").build());
        search.accept(record(1, int32("my_labels_x", 1), int32("some_predictions_y", 1)));
        assertEquals(1, search.report().samplesSeen());
        ClassImbalanceRule anchored = rule(p.toBuilder().labelsRegex("^labels$").predictionsRegex("^labels$")
                .build());
        anchored.accept(record(1, int32("labels_0", 1)));
        assertTrue(anchored.report().nothingMatched());
    }

    @Test
    void labelAndPredictionTensorsPairInNameOrder() {
        RuleParameters p = RuleParameters.builder().samples(1).thresholdImbalance(1000).build();
        ClassImbalanceRule rule = rule(p);
        rule.accept(record(1, int32("b/predictions", 7, 7), int32("a/labels", 1, 2), int32("b/labels", 7, 7),
                int32("a/predictions", 1, 2)));
        Report r = rule.report();
        assertEquals(0, r.dataErrors(), r.dataErrorMessages().toString());
        for (ClassStats c : r.classes()) {
            assertEquals(0, c.mispredicted(), "class " + c.classId());
        }
        assertEquals(2, classOf(r, 7).count());
    }

    @Test
    void aTensorMatchingBothRegexesServesAsBothEvenAsOneHotVectors() {
        ClassImbalanceRule rule = rule(LABELS_ONLY.toBuilder().samples(1).thresholdImbalance(100).build());
        rule.accept(record(1, float32("labels_0", shape(3, 2), 1, 0, 0, 1, 0, 1)));
        Report r = rule.report();
        assertTrue(r.configurationError().isEmpty());
        assertEquals(0, r.dataErrors());
        assertEquals(2, classOf(r, 1).count());
        assertEquals(0, classOf(r, 1).mispredicted());
    }

    @Test
    void unequalNumbersOfLabelAndPredictionTensorsAreADataError() {
        ClassImbalanceRule rule = rule(RuleParameters.DEFAULTS);
        rule.accept(record(4, Mode.TRAIN, "w1", int32("a/labels", 1), int32("b/labels", 1),
                int32("a/predictions", 1)));
        Report r = rule.report();
        assertEquals(1, r.dataErrors());
        assertEquals("train step 4 worker w1: 2 label tensor(s) [a/labels, b/labels] but 1 prediction tensor(s) "
                + "[a/predictions]", r.dataErrorMessages().get(0));
    }

    @Test
    void nothingMatchedIsReported() {
        ClassImbalanceRule rule = rule(RuleParameters.DEFAULTS);
        for (int step = 0; step < 10; step++) {
            assertTrue(rule.accept(record(step, int32("y_true", repeat(0, 100)), int32("y_pred", repeat(1, 100))))
                    .isEmpty());
        }
        Report r = rule.report();
        assertFalse(r.triggered());
        assertTrue(r.nothingMatched());
        assertEquals(10, r.unmatchedRecords());
        assertEquals(List.of("y_true", "y_pred"), r.tensorNamesSeen());
        assertTrue(r.summary().contains("nothing matched"), r.summary());
        assertTrue(r.summary().contains("y_true"), r.summary());
        assertTrue(r.modes().isEmpty());
    }

    // --- extensions --------------------------------------------------------------------------------------------

    /** Class 0: {@code firstWrong} mispredicted labels, then {@code thenRight} right ones; class 1 the same count. */
    private static ClassImbalanceRule learning(int window, int firstWrong, int thenRight, boolean reverse) {
        RuleParameters p = RuleParameters.builder().samples(2 * (firstWrong + thenRight)).window(window).build();
        ClassImbalanceRule rule = rule(p);
        int n = firstWrong + thenRight;
        int[] wrong = repeat(1, firstWrong);
        int[] right = repeat(0, thenRight);
        int[] predictions = reverse ? concat(right, wrong) : concat(wrong, right);
        rule.accept(batch(1, repeat(0, n), predictions));
        rule.accept(batch(2, repeat(1, n), repeat(1, n)));
        return rule;
    }

    @Test
    void windowJudgesEachClassByItsLastLabels() {
        // cumulative: 800 of 1000 wrong -> fires; the last 100 are all right -> a window of 100 does not fire
        assertTrue(learning(0, 800, 200, false).finding().isPresent());
        ClassImbalanceRule windowed = learning(100, 800, 200, false);
        assertTrue(windowed.finding().isEmpty());
        ClassStats c0 = classOf(windowed.report(), 0);
        assertEquals(1000, c0.count());
        assertEquals(800, c0.mispredicted());
        assertEquals(0.0, c0.mispredictionFraction());
        // and the other way round: a model that got worse lately fires with a window but not cumulatively
        assertTrue(learning(0, 300, 700, true).finding().isEmpty());
        Finding f = learning(400, 300, 700, true).finding().orElseThrow();
        assertEquals(List.of(Finding.MISPREDICTION), f.checks());
        assertEquals(0.75, f.classes().get(0).mispredictionFraction());
    }

    @Test
    void windowLargerThanTheLabelsSeenIsCumulative() {
        ClassImbalanceRule rule = learning(1_000_000, 30, 70, false);
        assertEquals(0.3, classOf(rule.report(), 0).mispredictionFraction());
    }

    @Test
    void windowRingWrapsAround() {
        WindowRing ring = new WindowRing(70);
        for (int i = 0; i < 1000; i++) {
            ring.add(i % 10 < 3);
        }
        assertEquals(70, ring.size());
        assertEquals(21, ring.ones());
        for (int i = 0; i < 70; i++) {
            ring.add(true);
        }
        assertEquals(70, ring.ones());
    }

    @Test
    void numClassesMakesAClassNeverSeenTakePart() {
        int[] labels = concat(repeat(0, 300), repeat(1, 300));
        assertTrue(rule(RuleParameters.DEFAULTS).accept(batch(1, labels, labels)).isEmpty());
        ClassImbalanceRule rule = rule(RuleParameters.builder().numClasses(3).build());
        Finding f = rule.accept(batch(1, labels, labels)).orElseThrow();
        assertEquals(Double.POSITIVE_INFINITY, f.ratio());
        assertEquals(List.of(Finding.IMBALANCE), f.checks());
        assertEquals(2, f.classes().get(0).classId());
        assertEquals(0, f.classes().get(0).count());
        assertTrue(f.summary().contains("imbalance ratio infinity"), f.summary());
        Report r = rule.report();
        assertEquals(3, r.classes().size());
        assertEquals(0, classOf(r, 2).count());
        assertEquals(0.0, classOf(r, 2).mispredictionFraction());
    }

    @Test
    void numClassesRefusesLabelsOutsideTheRange() {
        ClassImbalanceRule rule = rule(RuleParameters.builder().numClasses(3).samples(1).build());
        rule.accept(batch(1, new int[] {0, 3}, new int[] {0, 3}));
        rule.accept(record(2, uint8("labels", 0, 200), uint8("predictions", 0, 1)));
        Report r = rule.report();
        assertEquals(2, r.dataErrors());
        assertTrue(r.dataErrorMessages().get(0).contains("class id 3 at index 1 is not below num_classes 3"),
                r.dataErrorMessages().get(0));
        assertTrue(r.modes().isEmpty());
    }

    @Test
    void hugeClassIdIsAClassWithoutHugeAllocation() {
        // Dense counters for 2e9 ids would need 32 GB: this test runs in the default heap.
        ClassImbalanceRule rule = rule(RuleParameters.builder().samples(1).thresholdImbalance(1000).build());
        for (int i = 0; i < 1000; i++) {
            rule.accept(record(i, int64("labels", 2_000_000_000L, 1, 2_000_000_000L + i),
                    float32("predictions", shape(3), 2.0e9f, 1, 0)));
        }
        Report r = rule.report();
        assertEquals(0, r.dataErrors(), r.dataErrorMessages().toString());
        assertEquals(1001, r.classes().size()); // 1, 2e9, 2e9+1 .. 2e9+999
        ClassStats huge = classOf(r, 2_000_000_000L);
        assertEquals(1001, huge.count()); // 1000 from the first column + i == 0 in the third
        assertEquals(1, huge.mispredicted());
        Finding f = rule(RuleParameters.builder().samples(1).build())
                .accept(record(1, int64("labels", Long.MAX_VALUE, 0), int64("predictions", 0, 0))).orElseThrow();
        assertEquals(Long.MAX_VALUE, f.classes().get(0).classId());
    }

    // --- data errors -------------------------------------------------------------------------------------------

    @Test
    void badRecordsAreSkippedCountedAndTheFirstMessagesKept() {
        ClassImbalanceRule rule = rule(RuleParameters.builder().samples(4).build());
        List<Record> bad = List.of(
                batch(1, new int[] {0, -1}, new int[] {0, 0}),
                record(2, float32("labels", shape(2), 0, Float.NaN), int32("predictions", 0, 0)),
                record(3, float64("labels", shape(2), 0, Double.POSITIVE_INFINITY), int32("predictions", 0, 0)),
                record(4, float64("labels", shape(2), 0, 1.5), int32("predictions", 0, 0)),
                batch(5, new int[] {0, 1, 0}, new int[] {0, 1}),
                record(6, float32("labels", shape(1, 1, 2), 0, 1), int32("predictions", 0)),
                record(7, int32("labels", 0, 1), float32("predictions", shape(2), 0, -2f)));
        for (Record r : bad) {
            assertTrue(rule.accept(r).isEmpty());
        }
        Report r = rule.report();
        assertEquals(7, r.dataErrors());
        List<String> m = r.dataErrorMessages();
        assertEquals("global step 1: tensor \"train/labels\": class id -1 at index 1 is negative", m.get(0));
        assertTrue(m.get(1).contains("class id NaN at index 1 is not a number"), m.get(1));
        assertTrue(m.get(2).contains("is infinite"), m.get(2));
        assertTrue(m.get(3).contains("class id 1.5 at index 1 is not a whole number"), m.get(3));
        assertTrue(m.get(4).contains("have 3 values but predictions \"train/predictions\" have 2"), m.get(4));
        assertTrue(m.get(5).contains("has shape [1, 1, 2]"), m.get(5));
        assertTrue(m.get(6).contains("class id -2.0 at index 1 is negative"), m.get(6));
        assertTrue(r.modes().isEmpty(), "nothing of a bad record is counted");

        // evaluation goes on
        assertTrue(rule.accept(batch(8, new int[] {0, 0, 0, 1}, new int[] {0, 0, 0, 1})).isEmpty());
        assertEquals(4, rule.report().samplesSeen());
    }

    @Test
    void nanScoresAndArgmaxClassesOutsideNumClassesAreDataErrors() {
        ClassImbalanceRule rule = rule(RuleParameters.builder().argmax(true).numClasses(2).samples(1).build());
        rule.accept(record(1, int32("labels", 0, 1),
                float32("predictions", shape(2, 2), 0.5f, 0.5f, Float.NaN, 0.1f)));
        rule.accept(record(2, float64("labels", shape(2, 3), 1, 0, 0, 0, 0, 1), int32("predictions", 0, 1)));
        rule.accept(record(3, float64("labels", shape(1, 2), 0, 1), float64("predictions", shape(1, 2), 0.2, 0.8)));
        Report r = rule.report();
        assertEquals(2, r.dataErrors());
        assertEquals("global step 1: tensor \"predictions\": NaN at row 1, column 0", r.dataErrorMessages().get(0));
        assertEquals("global step 2: tensor \"labels\": class 2 (argmax of row 1) is not below num_classes 2",
                r.dataErrorMessages().get(1));
        assertEquals(1, r.samplesSeen());
        assertEquals(0, classOf(r, 1).mispredicted());
    }

    @Test
    void aRecordWithOneBadPairCountsNothing() {
        ClassImbalanceRule rule = rule(RuleParameters.DEFAULTS);
        rule.accept(record(1, int32("a/labels", 1, 1), int32("a/predictions", 1, 1), int32("b/labels", 1, -1),
                int32("b/predictions", 1, 1)));
        assertEquals(1, rule.report().dataErrors());
        assertEquals(0, rule.report().samplesSeen());
    }

    @Test
    void onlyTheFirstMessagesAreKept() {
        ClassImbalanceRule rule = rule(RuleParameters.DEFAULTS);
        for (int i = 0; i < 25; i++) {
            rule.recordDataError("line " + i + ": malformed");
        }
        Report r = rule.report();
        assertEquals(25, r.dataErrors());
        assertEquals(ClassImbalanceRule.MAX_ERROR_MESSAGES, r.dataErrorMessages().size());
        assertEquals("line 0: malformed", r.dataErrorMessages().get(0));
    }

    // --- after the trigger -------------------------------------------------------------------------------------

    @Test
    void firesOnceAndKeepsCounting() {
        ClassImbalanceRule rule = rule(LABELS_ONLY);
        int[] labels = concat(repeat(0, 990), repeat(1, 10));
        Finding first = rule.accept(record(3, int32("labels_0", labels))).orElseThrow();
        assertTrue(rule.accept(record(4, int32("labels_0", labels))).isEmpty());
        assertEquals(first, rule.finding().orElseThrow());
        Report r = rule.report();
        assertEquals(3, r.finding().orElseThrow().step());
        assertEquals(1980, classOf(r, 0).count());
        assertEquals(2000, r.samplesSeen());
        assertEquals(2, r.records());
    }

    @Test
    void reportIsASnapshot() {
        ClassImbalanceRule rule = rule(LABELS_ONLY);
        rule.accept(record(1, int32("labels_0", 0, 1)));
        Report before = rule.report();
        rule.accept(record(2, int32("labels_0", 0, 1)));
        assertEquals(2, before.samplesSeen());
        assertEquals(4, rule.report().samplesSeen());
    }

    private static float[] toFloats(int[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
