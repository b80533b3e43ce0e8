package dev.skewguard.agent.instrumentation.xgboost;

import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.CaptureMode;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Booster#evalSet(DMatrix[], String[], int)} and {@code evalSet(DMatrix[], String[],
 * IEvaluation, float[])}: after the evaluation, each watched matrix other than the training matrix is captured in
 * eval mode (labels plus an extra predict), at the thread's latest round.
 */
public final class BoosterEvalSetAdvice {
    private BoosterEvalSetAdvice() {
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.This Booster booster, @Advice.Argument(0) DMatrix[] matrices) {
        try {
            int round = XgboostRounds.round();
            if (Capture.active() && matrices != null && XgboostRounds.captures(round)) {
                for (DMatrix matrix : matrices) {
                    if (matrix == null || XgboostRounds.isTrainingMatrix(matrix)) {
                        continue;
                    }
                    int[] labels = XgboostBatches.classIds(matrix.getLabel());
                    if (labels != null) {
                        XgboostBatches.record(CaptureMode.EVAL, round, labels, booster.predict(matrix));
                    }
                }
            }
        } catch (Throwable t) {
            Capture.adviceError("xgboost", t);
        }
    }
}
