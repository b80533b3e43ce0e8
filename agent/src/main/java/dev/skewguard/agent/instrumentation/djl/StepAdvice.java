package dev.skewguard.agent.instrumentation.djl;

import dev.skewguard.agent.capture.Capture;
import net.bytebuddy.asm.Advice;

/** Inlined at the end of {@code Trainer#step()}: counts optimizer steps (the step number sent with batches). */
public final class StepAdvice {
    private StepAdvice() {
    }

    @Advice.OnMethodExit
    public static void exit() {
        try {
            DjlState.stepped();
        } catch (Throwable t) {
            Capture.adviceError("djl", t);
        }
    }
}
