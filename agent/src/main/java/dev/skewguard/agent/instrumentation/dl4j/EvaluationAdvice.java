package dev.skewguard.agent.instrumentation.dl4j;

import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.CaptureMode;
import net.bytebuddy.asm.Advice;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inlined into {@code Evaluation#eval(labels, predictions, mask, recordMetaData)}: one evaluation batch, with the
 * network's output probabilities. Step: the latest training iteration. Throws the stop (on_stop=throw) on its way
 * out, after the batch was evaluated and captured, so that an evaluation running when the collector says stop ends
 * at its next batch instead of running to its end (a whole validation pass after the deciding batch), and every
 * evaluation batch captured was also evaluated.
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
                    // Fresh c-order copies (INDArray#toFloatMatrix costs milliseconds); never the framework's own.
                    INDArray l = (labels.isView() || labels.ordering() != 'c'
                            || labels.data().length() != labels.length() ? labels.dup('c') : labels);
                    INDArray p = (predictions.isView() || predictions.ordering() != 'c'
                            || predictions.data().length() != predictions.length()
                            ? predictions.dup('c') : predictions);
                    INDArray m = mask == null ? null : (mask.isView() || mask.ordering() != 'c'
                            || mask.data().length() != mask.length() ? mask.dup('c') : mask);
                    Dl4jBatches.record(CaptureMode.EVAL, TrainingSteps.lastStep(), l.data().asFloat(), l.shape(),
                            p.data().asFloat(), p.shape(), m == null ? null : m.data().asFloat(),
                            m == null ? null : m.shape(), true);
                }
            }
        } catch (Throwable t) {
            Capture.adviceError("dl4j", t);
        }
    }

    @Advice.OnMethodExit
    public static void exit() {
        Capture.checkStop();
    }
}
