package dev.skewguard.agent.instrumentation.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.skewguard.agent.capture.BinaryColumn;
import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.capture.RowArgmax;
import dev.skewguard.agent.capture.TrainingWatch;

/**
 * Reads one batch's labels and predictions from DJL arrays and hands them to {@link Capture}. A helper that names
 * DJL types: defined beside DJL by {@link DjlHelpers}, never loaded by the agent itself.
 *
 * <p>Reads only; never changes, closes or re-attaches an array it was given. Every array it creates (a type
 * conversion, an argmax) it closes itself. On a GPU, in indices mode, the argmax runs on the device, so only B ints
 * cross to the host. On the CPU every engine operation costs more than the copy it saves (a small batch's scores
 * are a few hundred floats), so the training thread only copies: float labels are cast in Java, and the scores go
 * to {@link Capture#recordScores}, whose argmax runs on the agent's sender thread in indices mode.
 */
public final class DjlCapture {
    static final String FRAMEWORK = "djl";

    private DjlCapture() {
    }

    /**
     * Captures one (split of a) batch, unless it is not a classifier's or was already captured since the latest
     * gradient collector opened. A classifier's batch is either multi-class (labels (B) or (B,1) class ids, or (B,C)
     * one-hot; predictions (B,C) scores with C at least 2) or binary with one output (predictions (B) or (B,1),
     * logits or probabilities as {@code loss} says; labels (B) or (B,1) of 0/1, see {@link BinaryColumn}). Throws the
     * agent's stop (on_stop=throw) instead of recording a new batch once the collector said stop.
     *
     * @param loss the training's {@code Loss} (the trainer's, or the one evaluating), or null if not known
     */
    public static void capture(CaptureMode mode, NDList labels, NDList predictions, Object loss) {
        if (!Capture.active() || labels == null || predictions == null || labels.isEmpty() || predictions.isEmpty()) {
            return;
        }
        NDArray label = labels.head();
        NDArray prediction = predictions.head();
        Shape scoresShape = prediction.getShape();
        boolean oneOutput = scoresShape.dimension() == 1
                || (scoresShape.dimension() == 2 && scoresShape.get(1) == 1);
        if (!oneOutput && (scoresShape.dimension() != 2 || scoresShape.get(1) < 2)) {
            notRead("predictions of shape " + scoresShape + ": a classifier's are (B, C) scores or one output (B, 1)");
            return;
        }
        long rows = scoresShape.get(0);
        if (!DjlState.firstSighting(label)) {
            return;
        }
        // A stop (on_stop=throw) comes before a new batch is recorded, never after: the batch it interrupts
        // (before its backward pass or its Trainer#step) is not counted, and every batch counted also trained.
        Capture.checkStop();
        if (oneOutput) {
            captureBinary(mode, label, prediction, rows, loss);
            return;
        }
        int classes = (int) scoresShape.get(1);
        boolean onCpu = !prediction.getDevice().isGpu();
        int[] labelIds;
        if (onCpu && label.getDataType() == DataType.FLOAT32) {
            // One engine call: the values, whose count tells the layout (B or (B,1) class ids, or (B,C) one-hot).
            labelIds = classIds(label.toFloatArray(), rows, classes);
        } else {
            Shape labelShape = label.getShape();
            boolean ids = labelShape.dimension() == 1 || (labelShape.dimension() == 2 && labelShape.get(1) == 1);
            boolean oneHot = labelShape.dimension() == 2 && labelShape.get(1) == classes;
            labelIds = labelShape.get(0) != rows ? null : ids ? toInts(label) : oneHot ? argMaxToInts(label) : null;
        }
        if (labelIds == null) {
            notRead("labels of shape " + label.getShape() + " with predictions of shape " + scoresShape
                    + ": a classifier's labels are class ids (B) or (B, 1), or one-hot (B, C)");
            return;
        }
        long step = DjlState.step();
        if (Capture.wantsScores() || onCpu) {
            Capture.recordScores(FRAMEWORK, mode, step, labelIds, toFloats(prediction), classes);
        } else {
            Capture.record(FRAMEWORK, mode, step, labelIds, argMaxToInts(prediction));
        }
    }

    /**
     * A one-output classifier's batch: B label values and B outputs cross to the host (no more than B class ids
     * would), and become class ids and {@code [1 - p, p]} score rows. Labels that are not 0/1 (a regression) are
     * not captured.
     */
    private static void captureBinary(CaptureMode mode, NDArray label, NDArray prediction, long rows, Object loss) {
        float[] labelValues = toFloats(label);
        if (labelValues.length != rows) {
            return;
        }
        int[] labelIds = BinaryColumn.classIds(labelValues, DjlBinaryLoss.isSigmoidLoss(loss));
        if (labelIds == null) {
            notRead("one output with labels that are not 0/1 (a regression target)");
            return;
        }
        float[] scores = BinaryColumn.scores(toFloats(prediction), DjlBinaryLoss.outputs(loss));
        Capture.recordScores(FRAMEWORK, mode, DjlState.step(), labelIds, scores, 2);
    }

    /** Notes why a batch was not read, while the agent may still have to say that nothing was captured. */
    private static void notRead(String reason) {
        if (TrainingWatch.wantsReason(FRAMEWORK)) {
            TrainingWatch.notRead(FRAMEWORK, reason);
        }
    }

    /**
     * Class ids from float labels of {@code rows} rows: as many values as rows are ids (truncated as a cast does),
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

    private static int[] argMaxToInts(NDArray scores) {
        try (NDArray indices = scores.argMax(-1)) {
            return toInts(indices);
        }
    }

    /** A fresh int[] of the array's values, converted by the engine. */
    private static int[] toInts(NDArray array) {
        NDArray ints = array.toType(DataType.INT32, false);
        try {
            return ints.toIntArray();
        } finally {
            if (ints != array) {
                ints.close();
            }
        }
    }

    private static float[] toFloats(NDArray array) {
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
