package dev.skewguard.collector.advice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * How to apply {@link ClassWeights} in each framework skewguard captures, through the framework's own API (the
 * names checked against DJL 0.35.1, DL4J 1.0.0-M2.1, XGBoost4J 3.0.4, xgboost4j-spark 3.0.4, TensorFlow Java
 * 1.1.0): one sentence per framework, with the weights written in.
 */
public final class FrameworkAdvice {
    /** The frameworks with their own advice, by the names the report's {@code frameworks} uses. */
    public static final List<String> FRAMEWORKS = List.of("djl", "dl4j", "xgboost", "spark", "tensorflow");
    /** Beyond this many class ids, the advice names the report's weights instead of writing the vector out. */
    static final int MAX_WRITTEN_CLASSES = 32;

    private FrameworkAdvice() {
    }

    /** Per framework of {@link #FRAMEWORKS}, then {@code any}: the sentence saying how to apply {@code weights}. */
    public static Map<String, String> all(ClassWeights weights) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String framework : FRAMEWORKS) {
            out.put(framework, of(framework, weights));
        }
        out.put("any", of("any", weights));
        return out;
    }

    /**
     * The sentence for the first of {@code frameworks} that has its own advice, else the one for any loss: what the
     * finding's log line says.
     */
    public static String forJob(List<String> frameworks, ClassWeights weights) {
        for (String framework : frameworks) {
            if (FRAMEWORKS.contains(framework)) {
                return of(framework, weights);
            }
        }
        return of("any", weights);
    }

    /** The sentence for {@code framework} (one of {@link #FRAMEWORKS}; anything else: any loss). */
    public static String of(String framework, ClassWeights weights) {
        String vector = vector(weights, "");
        Optional<Double> pos = weights.scalePosWeight();
        return switch (framework) {
            case "djl" -> "DJL: SoftmaxCrossEntropyLoss takes one scalar weight, not one per class: train with a Loss "
                    + "of your own (extend ai.djl.training.loss.Loss) whose evaluate(labels, predictions) returns "
                    + "labels.singletonOrThrow().oneHot(" + classes(weights) + ").mul(predictions.singletonOrThrow()"
                    + ".logSoftmax(-1)).mul(manager.create(new float[]" + vector(weights, "f")
                    + ")).sum(new int[] {-1}).neg().mean()";
            case "dl4j" -> "DL4J: give the output layer a weighted loss, lossFunction(new LossMCXENT(Nd4j.create(new "
                    + "double[]" + vector + "))) (softmax; for a sigmoid output, new LossBinaryXENT(Nd4j.create(new "
                    + "double[]" + vector + ")))";
            case "xgboost" -> "XGBoost4J: " + pos.map(p -> "binary: params.put(\"scale_pos_weight\", "
                    + ClassWeights.format(p) + ") (n_0 / n_1); or ").orElse("")
                    + "per-row weights, DMatrix#setWeight(float[]) with each row's weight taken from its label in "
                    + vector;
            case "spark" -> "XGBoost4J-Spark: " + pos.map(p -> "binary: XGBoostClassifier#setScalePosWeight("
                    + ClassWeights.format(p) + "); or ").orElse("")
                    + "a weight column, XGBoostClassifier#setWeightCol(\"weight\") with each row's weight taken from "
                    + "its label in " + vector;
            case "tensorflow" -> "TensorFlow Java: weight each example by its label's class weight, sampleWeights = "
                    + "tf.gather(tf.constant(new float[]" + vector(weights, "f") + "), labels, tf.constant(0)), "
                    + "passed to SparseCategoricalCrossentropy#call(tf, labels, logits, sampleWeights) "
                    + "(org.tensorflow.framework.losses), or multiplied into tf.nn.sparseSoftmaxCrossEntropyWithLogits"
                    + "(logits, labels).loss() before tf.math.mean";
            default -> "any framework: multiply each label's loss by its class's weight, " + vector
                    + " by class id";
        };
    }

    /** The vector by class id, e.g. {@code {0.5051, 50}}; class ids beyond {@link #MAX_WRITTEN_CLASSES}: by name. */
    private static String vector(ClassWeights weights, String suffix) {
        Optional<double[]> dense = weights.dense(MAX_WRITTEN_CLASSES);
        if (dense.isEmpty()) {
            return "{the report's advice.class_weights by class id, 1 for a class id without one}";
        }
        StringJoiner s = new StringJoiner(", ", "{", "}");
        for (double w : dense.get()) {
            s.add(ClassWeights.format(w) + suffix);
        }
        return s.toString();
    }

    private static String classes(ClassWeights weights) {
        return weights.dense(MAX_WRITTEN_CLASSES).map(d -> Integer.toString(d.length)).orElse("numClasses");
    }
}
