package dev.skewguard.agent.instrumentation.djl;

import dev.skewguard.agent.capture.Capture;
import net.bytebuddy.asm.Advice;

/**
 * Inlined around {@code Trainer#newGradientCollector()}: the collector the engine makes inside it is a Trainer's
 * (its loop's step is {@code Trainer#step}); a collector made anywhere else belongs to a loop without a Trainer,
 * whose step is the number of such collectors closed (see {@link DjlState#step()}).
 */
public final class TrainerCollectorAdvice {
    private TrainerCollectorAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter() {
        try {
            DjlState.trainerOpensCollector(true);
        } catch (Throwable t) {
            Capture.adviceError("djl", t);
        }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit() {
        try {
            DjlState.trainerOpensCollector(false);
        } catch (Throwable t) {
            Capture.adviceError("djl", t);
        }
    }
}
