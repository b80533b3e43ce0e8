package dev.skewguard.agent.instrumentation.djl;

import ai.djl.ndarray.NDList;
import dev.skewguard.agent.capture.CaptureMode;

/** The DJL-typed side of {@link DjlBatchReader}; defined by {@link DjlHelpers} in a loader that sees DJL. */
public final class DjlReader implements DjlBatchReader {

    @Override
    public void capture(CaptureMode mode, Object labels, Object predictions, Object loss) {
        if (labels instanceof NDList && predictions instanceof NDList) {
            DjlCapture.capture(mode, (NDList) labels, (NDList) predictions, loss);
        }
    }

    @Override
    public Object listener() {
        return DjlCaptureListener.INSTANCE;
    }
}
