package dev.skewguard.agent.instrumentation.dl4j;

import dev.skewguard.agent.capture.Capture;
import net.bytebuddy.asm.Advice;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Inlined into {@code MultiLayerNetwork#computeGradientAndScore()}: one training iteration. Throws the stop
 * (on_stop=throw) before the iteration does any work, so every iteration captured also completes.
 */
public final class MultiLayerNetworkStepAdvice {
    private MultiLayerNetworkStepAdvice() {
    }

    @Advice.OnMethodEnter
    public static boolean enter(@Advice.This MultiLayerNetwork network) {
        Capture.checkStop();
        boolean entered = false;
        try {
            entered = TrainingSteps.enter(network.getIterationCount());
        } catch (Throwable t) {
            Capture.adviceError("dl4j", t);
        }
        return entered;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter boolean entered) {
        if (entered) {
            try {
                TrainingSteps.exit();
            } catch (Throwable t) {
                Capture.adviceError("dl4j", t);
            }
        }
    }
}
