package dev.skewguard.agent.instrumentation.djl;

import dev.skewguard.agent.capture.CaptureMode;

/**
 * What the advice asks of the DJL-typed helpers, in words that name no DJL type: the advice (inlined into DJL
 * classes) and {@link DjlHelpers} live in the agent's loader; the implementation lives beside DJL.
 */
public interface DjlBatchReader {

    /** Captures one batch given as DJL {@code NDList}s, with the {@code Loss} that reads them if known (see
     * {@link DjlCapture#capture}). */
    void capture(CaptureMode mode, Object labels, Object predictions, Object loss);

    /** The agent's {@code TrainingListener} for this DJL ({@link DjlCaptureListener}). */
    Object listener();
}
