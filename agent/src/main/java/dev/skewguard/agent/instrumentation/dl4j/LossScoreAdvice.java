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
 * and outputs of one training batch, read once (outermost call, inside a training iteration only), of a classifier's
 * output only ({@link ClassifierOutputs}: a graph's regression head is left out). Reads copies made outside any
 * workspace; the framework's arrays are never modified (the activation, when needed, runs on a dup).
 */
public final class LossScoreAdvice {
    private LossScoreAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object lossFunction, @Advice.Argument(0) INDArray labels,
                             @Advice.Argument(1) INDArray preOutput, @Advice.Argument(2) IActivation activation,
                             @Advice.Argument(3) INDArray mask) {
        try {
            if (TrainingSteps.enterLoss() && TrainingSteps.inTrainingIteration() && Capture.active()
                    && ClassifierOutputs.isClassifier(lossFunction, activation)) {
                try (MemoryWorkspace outside = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    // Fresh c-order copies (INDArray#toFloatMatrix costs milliseconds); never the framework's own.
                    boolean activate = Capture.wantsScores() || !Dl4jBatches.monotone(activation);
                    INDArray l = (labels.isView() || labels.ordering() != 'c'
                            || labels.data().length() != labels.length() ? labels.dup('c') : labels);
                    INDArray o = activate ? activation.getActivation(preOutput.dup('c'), false) : preOutput;
                    o = (o.isView() || o.ordering() != 'c'
                            || o.data().length() != o.length() ? o.dup('c') : o);
                    INDArray m = mask == null ? null : (mask.isView() || mask.ordering() != 'c'
                            || mask.data().length() != mask.length() ? mask.dup('c') : mask);
                    Dl4jBatches.record(CaptureMode.TRAIN, TrainingSteps.step(), l.data().asFloat(), l.shape(),
                            o.data().asFloat(), o.shape(), m == null ? null : m.data().asFloat(),
                            m == null ? null : m.shape(), activate);
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
