package dev.skewguard.agent.instrumentation.tensorflow;

import dev.skewguard.agent.capture.Capture;
import java.util.List;
import net.bytebuddy.asm.Advice;
import org.tensorflow.Output;
import org.tensorflow.RawTensor;
import org.tensorflow.Result;
import org.tensorflow.Tensor;

/**
 * Inlined into {@code Session$Runner#runHelper(boolean)}, which every Session run passes through ({@code run()},
 * {@code runAndFetchMetadata()}, {@code Session.run}, {@code SessionFunction.call}). A stopped job's next run throws
 * the agent's stop exception (on_stop=throw) before it starts. When a run has returned, each fed tensor and each
 * fetched output whose name ({@code op:index}, e.g. {@code labels:0}) matches one of the regexes
 * ({@link TfTensorNames}) is copied (the program closes its tensors and the Result right after the run); a run with
 * no matching name copies nothing. Until the collector said which names its rule reads, every tensor that could be
 * labels or predictions is copied and the run held ({@link TfHeldRuns}).
 */
public final class SessionRunAdvice {
    private SessionRunAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter() {
        Capture.checkStop();
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.FieldValue("inputs") List<Output<?>> inputs,
                            @Advice.FieldValue("inputTensors") List<Tensor> inputTensors,
                            @Advice.FieldValue("outputs") List<Output<?>> outputs,
                            @Advice.FieldValue("targets") List<?> targets,
                            @Advice.Return Result result) {
        try {
            if (Capture.active()) {
                TfNameSelection names = TfTensorNames.selection();
                boolean held = TfHeldRuns.holding();
                TfRun run = null;
                int fed = Math.min(inputs.size(), inputTensors.size());
                for (int i = 0; i < fed + outputs.size(); i++) {
                    String name = i < fed ? inputs.get(i).name() : outputs.get(i - fed).name();
                    int role = held ? 0 : names.role(name);
                    if (!held && role == 0) {
                        TfRuns.unmatched(name);
                        continue;
                    }
                    Tensor tensor = i < fed ? inputTensors.get(i) : result.get(i - fed);
                    int dtype = tensor.dataType().getNumber();
                    long[] shape = tensor.shape().asArray();
                    if (held && !TfHeldRuns.worthHolding(dtype, shape)) {
                        TfRuns.unmatched(name);
                        continue;
                    }
                    RawTensor raw = tensor.asRawTensor();
                    byte[] bytes = TfRun.buffer(name, raw.numBytes());
                    raw.data().read(bytes);
                    run = TfRun.add(run, name, role, dtype, shape, bytes);
                }
                TfRuns.finish(run, !targets.isEmpty(), names, held);
            }
        } catch (Throwable t) {
            Capture.adviceError("tensorflow", t);
        }
    }
}
