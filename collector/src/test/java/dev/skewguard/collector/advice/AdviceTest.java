package dev.skewguard.collector.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.rule.ClassImbalanceRule;
import dev.skewguard.collector.rule.DType;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.Record;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.rule.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdviceTest {
    @Test
    void aFindingComesWithTheWeightsOfItsModesCounts() {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.DEFAULTS);
        long[] labels = new long[1000];
        for (int i = 0; i < 10; i++) {
            labels[i * 100] = 1;
        }
        assertTrue(Advice.of(rule.report()).isEmpty(), "nothing counted: no advice");
        rule.accept(record(labels));
        Advice advice = Advice.of(rule.report()).orElseThrow();
        assertEquals(Mode.TRAIN, advice.mode());
        assertEquals(99.0, advice.weights().scalePosWeight().orElseThrow(), 1e-12);
        assertEquals("class weights 1: 50, 0: 0.5051 (w_c = N / (K * n_c) over 1,000 train labels of 2 classes)",
                advice.summary());
        assertTrue(advice.line(List.of("xgboost")).startsWith("advice: class weights 1: 50, 0: 0.5051 (")
                && advice.line(List.of("xgboost")).endsWith("from its label in {0.5051, 50}"),
                advice.line(List.of("xgboost")));
    }

    private static Record record(long[] labels) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(labels.length * 8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long v : labels) {
            b.putLong(v);
        }
        Tensor tensor = Tensor.of("train/labels", new long[] {labels.length}, DType.INT64, b.flip());
        return new Record(3, Mode.TRAIN, "w0", List.of(tensor));
    }
}
