package dev.skewguard.agent.instrumentation.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.skewguard.agent.capture.BinaryColumn;
import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.capture.TrainingWatch;

/**
 * Reads one batch's labels and predictions from DJL arrays and hands them to {@link Capture}. A helper that names
 * DJL types: defined beside DJL by {@link DjlHelpers}, never loaded by the agent itself.
 *
 * <p>Reads only; never changes, closes or re-attaches an array it was given. Every array it creates (a type
 * conversion, an argmax) it closes itself. On the CPU the training thread copies the labels and the B x C scores
 * (one copy each; the scores go to {@link Capture#recordScores}, whose argmax runs on the agent's sender thread in
 * indices mode), and reads no shape for a batch whose copies have the counts the last batch of the same loss had
 * ({@link BatchLayout}): on the PyTorch engine a shape is a JNI call per new array. An argmax on the engine costs
 * more than the copy it saves at the batch sizes measured ({@code DjlReadBenchmark}). On a GPU, in indices mode,
 * the argmax runs on the device, so only B ints cross to the host.
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
        if (!DjlState.firstSighting(label)) {
            return;
        }
        NDArray prediction = predictions.head();
        if (prediction.getDevice().isGpu()) {
            captureOnDevice(mode, label, prediction, loss);
            return;
        }
        HostCopy copy = HostCopy.of(label, prediction, loss);
        if (copy == null) {
            return;
        }
        BatchLayout layout = copy.layout;
        if (layout.oneOutput()) {
            captureBinary(mode, copy.labelValues, copy.scores, layout, loss);
            return;
        }
        int[] labelIds = copy.labelIds();
        if (labelIds == null) {
            notRead("labels of " + copy.labelValues.length + " values with predictions of shape " + layout
                    + ": a classifier's labels are class ids (B) or (B, 1), or one-hot (B, C)");
            return;
        }
        // A stop (on_stop=throw) comes before a new batch is recorded, never after: the batch it interrupts
        // (before its backward pass or its Trainer#step) is not counted, and every batch counted also trained.
        Capture.checkStop();
        Capture.recordScores(FRAMEWORK, mode, DjlState.step(), labelIds, copy.scores, layout.classes);
    }

    /**
     * A batch on a GPU: every copy to the host waits for the device, so only class ids cross in indices mode (the
     * argmax runs on the device), and the shapes (no copy) say the layout.
     */
    private static void captureOnDevice(CaptureMode mode, NDArray label, NDArray prediction, Object loss) {
        BatchLayout layout = HostCopy.predictionLayout(prediction);
        if (layout == null) {
            return;
        }
        if (layout.oneOutput()) {
            float[] scores = HostCopy.toFloats(prediction);
            captureBinary(mode, HostCopy.labelValues(label), scores, layout, loss);
            return;
        }
        Shape labelShape = label.getShape();
        boolean ids = labelShape.dimension() == 1 || (labelShape.dimension() == 2 && labelShape.get(1) == 1);
        boolean oneHot = labelShape.dimension() == 2 && labelShape.get(1) == layout.classes;
        int[] labelIds = labelShape.get(0) != layout.rows ? null
                : ids ? toInts(label) : oneHot ? argMaxToInts(label) : null;
        if (labelIds == null) {
            notRead("labels of shape " + labelShape + " with predictions of shape " + layout
                    + ": a classifier's labels are class ids (B) or (B, 1), or one-hot (B, C)");
            return;
        }
        Capture.checkStop();
        long step = DjlState.step();
        if (Capture.wantsScores()) {
            Capture.recordScores(FRAMEWORK, mode, step, labelIds, HostCopy.toFloats(prediction), layout.classes);
        } else {
            Capture.record(FRAMEWORK, mode, step, labelIds, argMaxToInts(prediction));
        }
    }

    /**
     * A one-output classifier's batch: B label values and B outputs cross to the host (no more than B class ids
     * would), and become class ids and {@code [1 - p, p]} score rows. Labels that are not 0/1 (a regression) are
     * not captured.
     */
    private static void captureBinary(CaptureMode mode, float[] labelValues, float[] outputs, BatchLayout layout,
                                      Object loss) {
        if (labelValues.length != layout.rows) {
            notRead("labels of " + labelValues.length + " values with one output per row of " + layout.rows
                    + " rows: a binary classifier's labels are (B) or (B, 1)");
            return;
        }
        int[] labelIds = BinaryColumn.classIds(labelValues, DjlBinaryLoss.isSigmoidLoss(loss));
        if (labelIds == null) {
            notRead("one output with labels that are not 0/1 (a regression target)");
            return;
        }
        float[] scores = BinaryColumn.scores(outputs, DjlBinaryLoss.outputs(loss));
        Capture.checkStop();
        Capture.recordScores(FRAMEWORK, mode, DjlState.step(), labelIds, scores, 2);
    }

    /** Notes why a batch was not read, while the agent may still have to say that nothing was captured. */
    static void notRead(String reason) {
        if (TrainingWatch.wantsReason(FRAMEWORK)) {
            TrainingWatch.notRead(FRAMEWORK, reason);
        }
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
}
