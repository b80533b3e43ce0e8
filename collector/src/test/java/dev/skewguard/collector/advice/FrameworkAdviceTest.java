package dev.skewguard.collector.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.rule.ClassStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameworkAdviceTest {
    private static final ClassWeights BINARY = ClassWeights.of(List.of(new ClassStats(0, 990, 0, 0.0),
            new ClassStats(1, 10, 0, 0.0)));
    private static final ClassWeights THREE = ClassWeights.of(List.of(new ClassStats(0, 800, 0, 0.0),
            new ClassStats(1, 150, 0, 0.0), new ClassStats(2, 50, 0, 0.0)));

    @Test
    void eachFrameworkNamesItsOwnApiWithTheWeightsWrittenIn() {
        String dl4j = FrameworkAdvice.of("dl4j", THREE);
        assertTrue(dl4j.contains("new LossMCXENT(Nd4j.create(new double[]{0.4167, 2.222, 6.667}))"), dl4j);
        String djl = FrameworkAdvice.of("djl", THREE);
        assertTrue(djl.contains("ai.djl.training.loss.Loss") && djl.contains("oneHot(3)")
                && djl.contains("manager.create(new float[]{0.4167f, 2.222f, 6.667f})"), djl);
        String tf = FrameworkAdvice.of("tensorflow", THREE);
        assertTrue(tf.contains("SparseCategoricalCrossentropy#call(tf, labels, logits, sampleWeights)")
                && tf.contains("tf.gather(tf.constant(new float[]{0.4167f, 2.222f, 6.667f})"), tf);
        String xgb = FrameworkAdvice.of("xgboost", THREE);
        assertTrue(xgb.contains("DMatrix#setWeight(float[])"), xgb);
        assertFalse(xgb.contains("scale_pos_weight"), "multi-class: no scale_pos_weight: " + xgb);
    }

    @Test
    void binaryXgboostGetsScalePosWeight() {
        assertTrue(FrameworkAdvice.of("xgboost", BINARY).startsWith(
                "XGBoost4J: binary: params.put(\"scale_pos_weight\", 99) (n_0 / n_1)"));
        assertTrue(FrameworkAdvice.of("spark", BINARY).contains("XGBoostClassifier#setScalePosWeight(99)"));
    }

    @Test
    void theJobsFirstFrameworkWithAdviceIsChosen() {
        assertEquals(FrameworkAdvice.of("dl4j", BINARY), FrameworkAdvice.forJob(List.of("methods", "dl4j"), BINARY));
        assertTrue(FrameworkAdvice.forJob(List.of("methods"), BINARY).startsWith("any framework:"));
        assertEquals(List.of("djl", "dl4j", "xgboost", "spark", "tensorflow", "any"),
                List.copyOf(FrameworkAdvice.all(BINARY).keySet()));
    }

    @Test
    void manyClassesPointAtTheReportInsteadOfAVector() {
        List<ClassStats> classes = new java.util.ArrayList<>();
        for (int id = 0; id < 40; id++) {
            classes.add(new ClassStats(id, id + 1, 0, 0.0));
        }
        String text = FrameworkAdvice.of("dl4j", ClassWeights.of(classes));
        assertTrue(text.contains("advice.class_weights"), text);
    }
}
