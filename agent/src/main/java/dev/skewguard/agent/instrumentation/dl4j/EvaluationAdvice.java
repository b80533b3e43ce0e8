package dev.skewguard.agent.instrumentation.dl4j;

import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.CaptureMode;
import net.bytebuddy.asm.Advice;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inlined into {@code Evaluation#eval(labels, predictions, mask, recordMetaData)}: one evaluation batch, with the
 * network's output probabilities. Step: the latest training iteration. Never throws the stop: a stop takes effect
 * at the next training iteration, so an evaluation is captured whole or not at all.
 */
public final class EvaluationAdvice {
    private EvaluationAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.Argument(0) INDArray labels, @Advice.Argument(1) INDArray predictions,
                             @Advice.Argument(2) INDArray mask) {
        try {
            if (Capture.active() && labels != null && predictions != null) {
                try (MemoryWorkspace outside = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    Dl4jBatches.record(CaptureMode.EVAL, TrainingSteps.lastStep(), labels.toFloatMatrix(),
                            predictions.toFloatMatrix(), mask == null ? null : mask.toFloatMatrix(), true);
                }
            }
        } catch (Throwable t) {
            Capture.adviceError("dl4j", t);
        }
    }
}
