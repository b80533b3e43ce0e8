package dev.skewguard.agent.instrumentation.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.skewguard.agent.capture.RowArgmax;

/**
 * One batch on the CPU copied to the host: the labels' values and the predictions, one copy each, and their layout.
 * The predictions' shape is read (a JNI call per new array on the PyTorch engine) only when {@link BatchLayout}
 * does not know the layout for the batch's loss and the counts of its copies: the first batch of a loss, and a
 * batch whose counts differ from the last one's. A batch of a loss with no layout known has its shape read first,
 * so that predictions that are not a classifier's are not copied. A helper that names DJL types: defined beside
 * DJL by {@link DjlHelpers}.
 */
public final class HostCopy {
    final float[] labelValues;
    final float[] scores;
    final BatchLayout layout;

    private HostCopy(float[] labelValues, float[] scores, BatchLayout layout) {
        this.labelValues = labelValues;
        this.scores = scores;
        this.layout = layout;
    }

    /**
     * Copies a batch's labels and predictions, or returns null (and says why, see {@link DjlCapture#notRead}) if
     * the predictions are not a classifier's.
     *
     * @param loss the {@code Loss} that evaluates the batch, or null if not known (then the shape is read)
     */
    public static HostCopy of(NDArray label, NDArray prediction, Object loss) {
        BatchLayout layout = null;
        if (!BatchLayout.knownFor(loss)) {
            layout = predictionLayout(prediction);
            if (layout == null) {
                return null;
            }
        }
        float[] scores = toFloats(prediction);
        float[] labelValues = labelValues(label);
        if (layout == null) {
            layout = BatchLayout.known(loss, scores.length, labelValues.length);
        }
        if (layout == null) {
            layout = predictionLayout(prediction);
            if (layout == null) {
                return null;
            }
        }
        if (!layout.holds(scores.length)) {
            return null;
        }
        BatchLayout.remember(loss, scores.length, labelValues.length, layout);
        return new HostCopy(labelValues, scores, layout);
    }

    /** The copied scores (B x C, or B outputs of a one-output classifier). */
    public float[] scores() {
        return scores;
    }

    /** Classes per row (1 for a one-output classifier). */
    public int classes() {
        return layout.classes;
    }

    /** The labels as class ids of a multi-class batch, or null if they are neither ids nor one-hot rows. */
    public int[] labelIds() {
        return classIds(labelValues, layout.rows, layout.classes);
    }

    /**
     * Class ids from label values of {@code rows} rows: as many values as rows are ids (truncated as a cast does),
     * rows x classes values are one-hot rows (their argmax, ties to the lowest index); anything else is null.
     */
    static int[] classIds(float[] values, long rows, int classes) {
        if (values.length == rows) {
            int[] ids = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                ids[i] = (int) values[i];
            }
            return ids;
        }
        if (classes < 2 || values.length != rows * classes) {
            return null;
        }
        return RowArgmax.of(values, classes);
    }

    /** The predictions' layout read from their shape, or null, said, if they are not a classifier's. */
    static BatchLayout predictionLayout(NDArray prediction) {
        Shape shape = prediction.getShape();
        long[] dims = new long[shape.dimension()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i);
        }
        BatchLayout layout = BatchLayout.ofPredictions(dims);
        if (layout == null) {
            DjlCapture.notRead("predictions of shape " + shape
                    + ": a classifier's are (B, C) scores or one output (B, 1)");
        }
        return layout;
    }

    /**
     * The labels' values, one copy: float labels as they are, integer labels (int32, int64) widened in Java (class
     * ids below 2^24 are exact), any other type converted by the engine first.
     */
    static float[] labelValues(NDArray label) {
        DataType type = label.getDataType();
        if (type == DataType.INT32) {
            int[] values = label.toIntArray();
            float[] floats = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                floats[i] = values[i];
            }
            return floats;
        }
        if (type == DataType.INT64) {
            long[] values = label.toLongArray();
            float[] floats = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                floats[i] = values[i];
            }
            return floats;
        }
        return toFloats(label);
    }

    /** The array's values as floats: its own copy if float32, else converted by the engine first. */
    static float[] toFloats(NDArray array) {
        NDArray floats = array.toType(DataType.FLOAT32, false);
        try {
            return floats.toFloatArray();
        } finally {
            if (floats != array) {
                floats.close();
            }
        }
    }
}
