package dev.skewguard.agent.instrumentation.djl;

import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.CaptureMode;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of every {@code Loss#evaluate(NDList labels, NDList predictions)}: captures the batches of
 * hand-written loops (no EasyTrain). Training mode inside a {@code GradientCollector}, evaluation outside. Inside an
 * EasyTrain batch it does nothing (the listener path has that batch); a batch whose loss is evaluated several times
 * is captured once.
 */
public final class LossEvaluateAdvice {
    private LossEvaluateAdvice() {
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.Origin Class<?> loss, @Advice.Argument(0) Object labels,
                            @Advice.Argument(1) Object predictions) {
        boolean handLoop = false;
        try {
            handLoop = DjlState.outsideEasyTrain();
            if (handLoop) {
                DjlHelpers.capture(loss,
                        DjlState.insideGradientCollector() ? CaptureMode.TRAIN : CaptureMode.EVAL, labels, predictions);
            }
        } catch (Throwable t) {
            Capture.adviceError("djl", t);
        }
        if (handLoop) {
            Capture.checkStop();
        }
    }
}
