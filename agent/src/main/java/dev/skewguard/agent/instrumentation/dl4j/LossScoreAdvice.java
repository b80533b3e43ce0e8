package dev.skewguard.agent.instrumentation.dl4j;

import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.CaptureMode;
import net.bytebuddy.asm.Advice;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inlined into every {@code ILossFunction#computeScore(labels, preOutput, activationFn, mask, average)}: the labels
 * and outputs of one training batch, read once (outermost call, inside a training iteration only). Reads copies made
 * outside any workspace; the framework's arrays are never modified (the activation, when needed, runs on a dup).
 */
public final class LossScoreAdvice {
    private LossScoreAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.Argument(0) INDArray labels, @Advice.Argument(1) INDArray preOutput,
                             @Advice.Argument(2) IActivation activation, @Advice.Argument(3) INDArray mask) {
        try {
            if (TrainingSteps.enterLoss() && TrainingSteps.inTrainingIteration() && Capture.active()) {
                try (MemoryWorkspace outside = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    boolean activate = Capture.wantsScores() || !Dl4jBatches.monotone(activation);
                    INDArray outputs = activate ? activation.getActivation(preOutput.dup(), false) : preOutput;
                    Dl4jBatches.record(CaptureMode.TRAIN, TrainingSteps.step(), labels.toFloatMatrix(),
                            outputs.toFloatMatrix(), mask == null ? null : mask.toFloatMatrix(), activate);
                }
            }
        } catch (Throwable t) {
            Capture.adviceError("dl4j", t);
        }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit() {
        try {
            TrainingSteps.exitLoss();
        } catch (Throwable t) {
            Capture.adviceError("dl4j", t);
        }
    }
}
