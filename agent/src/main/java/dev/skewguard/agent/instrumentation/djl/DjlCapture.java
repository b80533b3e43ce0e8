package dev.skewguard.agent.instrumentation.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.CaptureMode;

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
     * Captures one (split of a) batch, unless it is not a classifier's (labels (B) or (B,1) class ids, or (B,C)
     * one-hot; predictions (B,C) scores with C at least 2) or was already captured at this step.
     */
    public static void capture(CaptureMode mode, NDList labels, NDList predictions) {
        if (!Capture.active() || labels == null || predictions == null || labels.isEmpty() || predictions.isEmpty()) {
            return;
        }
        NDArray label = labels.head();
        NDArray prediction = predictions.head();
        Shape scoresShape = prediction.getShape();
        if (scoresShape.dimension() != 2 || scoresShape.get(1) < 2) {
            return;
        }
        long rows = scoresShape.get(0);
        int classes = (int) scoresShape.get(1);
        Shape labelShape = label.getShape();
        boolean ids = labelShape.dimension() == 1 || (labelShape.dimension() == 2 && labelShape.get(1) == 1);
        boolean oneHot = labelShape.dimension() == 2 && labelShape.get(1) == classes;
        if ((!ids && !oneHot) || labelShape.get(0) != rows || !DjlState.firstSighting(label)) {
            return;
        }
        boolean onCpu = !prediction.getDevice().isGpu();
        int[] labelIds = ids ? toInts(label, onCpu) : argMaxToInts(label);
        long step = DjlState.step();
        if (Capture.wantsScores() || onCpu) {
            Capture.recordScores(FRAMEWORK, mode, step, labelIds, toFloats(prediction), classes);
        } else {
            Capture.record(FRAMEWORK, mode, step, labelIds, argMaxToInts(prediction));
        }
    }

    private static int[] argMaxToInts(NDArray scores) {
        try (NDArray indices = scores.argMax(-1)) {
            return toInts(indices, false);
        }
    }

    /** A fresh int[] of the array's values (class ids held as floats become ints, truncated as a cast does). */
    private static int[] toInts(NDArray array, boolean onCpu) {
        if (onCpu && array.getDataType() == DataType.FLOAT32) {
            float[] values = array.toFloatArray();
            int[] ids = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                ids[i] = (int) values[i];
            }
            return ids;
        }
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
