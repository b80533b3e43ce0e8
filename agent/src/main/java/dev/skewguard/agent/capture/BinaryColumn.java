package dev.skewguard.agent.capture;

/**
 * A binary classifier's batch given as one column: labels 0/1 and one output per row (a logit, or a probability
 * of class 1). Turned into class ids and two-column score rows {@code [1 - p, p]}, so that the argmax the rule
 * takes is "class 1 when p is above 0.5", as XGBoost4J's {@code binary:logistic} is read.
 */
public final class BinaryColumn {
    /** How the outputs are to be read. */
    public enum Outputs {
        /** Logits: p = sigmoid(x), class 1 above 0. */
        LOGITS,
        /** Probabilities of class 1: class 1 above 0.5. */
        PROBABILITIES,
        /** Not said by the loss: probabilities if every value is within [0, 1], else logits. */
        UNKNOWN
    }

    private BinaryColumn() {
    }

    /**
     * Class ids of one column of labels, or null if these are not a binary classifier's labels. With
     * {@code sigmoidLoss} (the loss is a binary cross-entropy, so the labels are targets in [0, 1], smoothed ones
     * included) a label of 0.5 or more is class 1; otherwise only columns of exactly 0 and 1 are a classifier's (a
     * regression target is not captured).
     */
    public static int[] classIds(float[] labels, boolean sigmoidLoss) {
        int[] ids = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            float v = labels[i];
            if (v == 0f || v == 1f) {
                ids[i] = (int) v;
            } else if (sigmoidLoss && v >= 0f && v <= 1f) {
                ids[i] = v >= 0.5f ? 1 : 0;
            } else {
                return null;
            }
        }
        return ids;
    }

    /** Score rows {@code [1 - p, p]}, row-major N x 2, for the outputs read as {@code how} says. */
    public static float[] scores(float[] outputs, Outputs how) {
        boolean probabilities = how == Outputs.PROBABILITIES || (how == Outputs.UNKNOWN && withinUnitInterval(outputs));
        float[] rows = new float[outputs.length * 2];
        for (int i = 0; i < outputs.length; i++) {
            float p = probabilities ? outputs[i] : sigmoid(outputs[i]);
            rows[2 * i] = 1f - p;
            rows[2 * i + 1] = p;
        }
        return rows;
    }

    private static boolean withinUnitInterval(float[] values) {
        for (float v : values) {
            if (!(v >= 0f && v <= 1f)) {
                return false;
            }
        }
        return true;
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }
}
