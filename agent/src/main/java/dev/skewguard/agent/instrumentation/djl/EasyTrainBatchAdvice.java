package dev.skewguard.agent.instrumentation.djl;

import dev.skewguard.agent.capture.Capture;
import net.bytebuddy.asm.Advice;

/** Inlined around {@code EasyTrain#trainBatch} and {@code #validateBatch}: marks an EasyTrain batch as running. */
public final class EasyTrainBatchAdvice {
    private EasyTrainBatchAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter() {
        try {
            DjlState.easyTrainBatchStarted();
        } catch (Throwable t) {
            Capture.adviceError("djl", t);
        }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit() {
        try {
            DjlState.easyTrainBatchEnded();
        } catch (Throwable t) {
            Capture.adviceError("djl", t);
        }
    }
}
