package dev.skewguard.agent.instrumentation.djl;

import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.stop.SkewguardStopException;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of every {@code Loss#evaluate(NDList labels, NDList predictions)}: captures the batches of
 * hand-written loops (no EasyTrain). Training mode inside a {@code GradientCollector}, evaluation outside. Inside an
 * EasyTrain batch it does nothing (the listener path has that batch); a batch whose loss is evaluated several times
 * is captured once. The stop (on_stop=throw) is thrown by the first evaluation of a new batch, before it is
 * recorded (so before its backward pass and step); evaluations of a batch already recorded never throw it.
 */
public final class LossEvaluateAdvice {
    private LossEvaluateAdvice() {
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.Origin Class<?> lossType, @Advice.This Object loss,
                            @Advice.Argument(0) Object labels, @Advice.Argument(1) Object predictions) {
        try {
            if (DjlState.outsideEasyTrain()) {
                DjlHelpers.capture(lossType,
                        DjlState.insideGradientCollector() ? CaptureMode.TRAIN : CaptureMode.EVAL, labels, predictions,
                        loss);
            }
        } catch (SkewguardStopException stop) {
            throw stop;
        } catch (Throwable t) {
            Capture.adviceError("djl", t);
        }
    }
}
