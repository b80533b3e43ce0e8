package dev.skewguard.agent.instrumentation.xgboost;

import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.CaptureMode;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Booster#update(DMatrix, int[, IObjective])}: one boosting round. The stop (on_stop=throw) is
 * thrown before the round starts, so every round captured also completed. After the round: the training matrix's
 * labels and an extra predict on it (a fresh array; the booster's model is not changed by predicting).
 */
public final class BoosterUpdateAdvice {
    private BoosterUpdateAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter() {
        Capture.checkStop();
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.This Booster booster, @Advice.Argument(0) DMatrix train,
                            @Advice.Argument(1) int round) {
        try {
            XgboostRounds.trained(train, round);
            if (Capture.active() && XgboostRounds.captures(round)) {
                int[] labels = XgboostBatches.classIds(train.getLabel());
                if (labels != null) {
                    XgboostBatches.record(CaptureMode.TRAIN, round, labels, booster.predict(train));
                }
            }
        } catch (Throwable t) {
            Capture.adviceError("xgboost", t);
        }
    }
}
