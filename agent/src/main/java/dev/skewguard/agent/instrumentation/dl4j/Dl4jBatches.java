package dev.skewguard.agent.instrumentation.dl4j;

import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.CaptureMode;

/**
 * Turns the rows DL4J advice copied out of its arrays (plain Java, no framework types) into one captured batch:
 * labels one-hot [N, C] (argmax), sparse class ids [N, 1], or binary [N, 1]; outputs [N, C] or [N, 1]; rows whose
 * mask is all zero are left out.
 */
public final class Dl4jBatches {
    private static final String[] MONOTONE_ACTIVATIONS = {
        "org.nd4j.linalg.activations.impl.ActivationSoftmax",
        "org.nd4j.linalg.activations.impl.ActivationSigmoid",
        "org.nd4j.linalg.activations.impl.ActivationIdentity",
    };

    private Dl4jBatches() {
    }

    /**
     * Whether the argmax (or, for one output, the sign) of the pre-activation output already gives the predicted
     * class, so the activation need not be applied.
     */
    public static boolean monotone(Object activation) {
        if (activation == null) {
            return false;
        }
        String name = activation.getClass().getName();
        for (String known : MONOTONE_ACTIVATIONS) {
            if (known.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records one batch. Arrays are flat row-major copies with their shapes; only rank 2 ([N, C]) is supported.
     *
     * @param outputs probabilities if {@code activated}, else pre-activations of a {@linkplain #monotone monotone}
     *                activation
     * @param mask    the label mask, or null
     */
    public static void record(CaptureMode mode, long step, float[] labels, long[] labelShape, float[] outputs,
                              long[] outputShape, float[] mask, long[] maskShape, boolean activated) {
        Rows rows = rows(matrix("labels", labels, labelShape), matrix("outputs", outputs, outputShape),
                mask == null ? null : matrix("mask", mask, maskShape), activated, Capture.wantsScores());
        if (rows.scores() != null) {
            Capture.recordScores(Dl4jInstrumentation.NAME, mode, step, rows.labels(), rows.scores(), rows.numClasses());
        } else {
            Capture.record(Dl4jInstrumentation.NAME, mode, step, rows.labels(), rows.predicted());
        }
    }

    /** Rows of a flat row-major [N, C] array. */
    static float[][] matrix(String what, float[] flat, long[] shape) {
        if (shape.length != 2) {
            throw new IllegalArgumentException("dl4j: " + what + " of rank " + shape.length
                    + " are not supported (only [examples, classes])");
        }
        int rows = Math.toIntExact(shape[0]);
        int columns = Math.toIntExact(shape[1]);
        if ((long) rows * columns != flat.length) {
            throw new IllegalArgumentException("dl4j: " + what + " have " + flat.length + " values for shape ["
                    + rows + ", " + columns + "]");
        }
        float[][] matrix = new float[rows][];
        for (int r = 0; r < rows; r++) {
            matrix[r] = java.util.Arrays.copyOfRange(flat, r * columns, (r + 1) * columns);
        }
        return matrix;
    }

    /** One batch as class ids, with predicted class ids or (scores wanted, outputs activated) score rows. */
    record Rows(int[] labels, int[] predicted, float[] scores, int numClasses) {
    }

    static Rows rows(float[][] labels, float[][] outputs, float[][] mask, boolean activated, boolean wantScores) {
        int rows = labels.length;
        if (outputs.length != rows) {
            throw new IllegalArgumentException("dl4j: " + rows + " label rows but " + outputs.length + " output rows");
        }
        if (rows == 0) {
            return new Rows(new int[0], new int[0], null, 0);
        }
        int labelColumns = labels[0].length;
        int outputColumns = outputs[0].length;
        if (labelColumns != outputColumns && labelColumns != 1) {
            throw new IllegalArgumentException("dl4j: labels have " + labelColumns + " columns but outputs "
                    + outputColumns);
        }
        int kept = 0;
        boolean[] keep = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            keep[i] = mask == null || mask.length != rows || anyNonZero(mask[i]);
            if (keep[i]) {
                kept++;
            }
        }
        int numClasses = outputColumns == 1 ? 2 : outputColumns;
        float threshold = activated ? 0.5f : 0f;
        int[] classIds = new int[kept];
        boolean scores = wantScores && activated;
        int[] predicted = scores ? null : new int[kept];
        float[] scoreRows = scores ? new float[kept * numClasses] : null;
        int at = 0;
        for (int i = 0; i < rows; i++) {
            if (!keep[i]) {
                continue;
            }
            float[] label = labels[i];
            float[] output = outputs[i];
            if (labelColumns == 1) {
                classIds[at] = outputColumns == 1 ? (label[0] >= 0.5f ? 1 : 0) : (int) label[0];
            } else {
                classIds[at] = argmax(label);
            }
            if (scores) {
                if (outputColumns == 1) {
                    scoreRows[at * 2] = 1f - output[0];
                    scoreRows[at * 2 + 1] = output[0];
                } else {
                    System.arraycopy(output, 0, scoreRows, at * numClasses, numClasses);
                }
            } else {
                predicted[at] = outputColumns == 1 ? (output[0] > threshold ? 1 : 0) : argmax(output);
            }
            at++;
        }
        return new Rows(classIds, predicted, scoreRows, numClasses);
    }

    private static boolean anyNonZero(float[] row) {
        for (float v : row) {
            if (v != 0f) {
                return true;
            }
        }
        return false;
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }
}
