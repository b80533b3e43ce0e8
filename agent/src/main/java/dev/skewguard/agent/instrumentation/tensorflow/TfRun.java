package dev.skewguard.agent.instrumentation.tensorflow;

import dev.skewguard.agent.ConsoleText;
import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.CaptureMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The tensors of one Session run whose names matched, as the advice copied them (plain Java, no TensorFlow type),
 * turned into captured batches the way the collector's rule pairs tensors: labels sorted by name with predictions
 * sorted by name, first with first. Each pair is one batch (a tensor that matched both regexes serves as both, and
 * is sent once); a label tensor without a partner is sent alone (labels only), a prediction tensor without one is
 * not sent (nothing to judge it by).
 */
public final class TfRun {
    /** Tensors above this many bytes are not copied (a bound on what one run can make the agent hold). */
    static final long MAX_TENSOR_BYTES = 64L << 20;

    private final List<Copied> tensors = new ArrayList<>(4);
    private long bytes;

    record Copied(String name, int role, TfTensorValues values) {
    }

    /**
     * A buffer for a matched tensor of {@code numBytes}; throws (the advice's catch counts it) above
     * {@link #MAX_TENSOR_BYTES}.
     */
    public static byte[] buffer(String name, long numBytes) {
        if (numBytes > MAX_TENSOR_BYTES || numBytes < 0) {
            throw new IllegalArgumentException("tensorflow: tensor " + ConsoleText.escape(name) + " has " + numBytes
                    + " bytes, above the " + MAX_TENSOR_BYTES + " the agent copies; labels and predictions are"
                    + " class ids [N] or vectors [N, C]");
        }
        return new byte[(int) numBytes];
    }

    /** Adds one copied tensor to {@code run} (made on the first) and returns the run. */
    public static TfRun add(TfRun run, String name, int role, int dtype, long[] shape, byte[] bytes) {
        TfRun r = run == null ? new TfRun() : run;
        r.tensors.add(new Copied(name, role, new TfTensorValues(name, dtype, shape, bytes)));
        r.bytes += bytes.length;
        return r;
    }

    /** The bytes of the tensors copied. */
    long bytes() {
        return bytes;
    }

    /**
     * The tensors of a run copied before the names were known, as {@code selection} picks them (null if none
     * matches); each name that matches neither regex is noted for the exit line.
     */
    TfRun reselect(TfNameSelection selection) {
        TfRun picked = null;
        for (Copied c : tensors) {
            int role = selection.role(c.name());
            if (role == 0) {
                TfRuns.unmatched(c.name());
                continue;
            }
            if (picked == null) {
                picked = new TfRun();
            }
            picked.tensors.add(new Copied(c.name(), role, c.values()));
        }
        return picked;
    }

    /** The run's label tensors, sorted by name. */
    List<Copied> labels() {
        return sorted(TfNameSelection.LABELS);
    }

    List<Copied> predictions() {
        return sorted(TfNameSelection.PREDICTIONS);
    }

    private List<Copied> sorted(int role) {
        List<Copied> out = new ArrayList<>(2);
        for (Copied c : tensors) {
            if ((c.role() & role) != 0) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparing(Copied::name));
        return out;
    }

    /** Records this run's batches; returns {@link TfNameSelection#LABELS} if it had labels, plus PREDICTIONS if
     * any labels came with predictions. */
    int record(CaptureMode mode, long step) {
        List<Copied> labels = labels();
        List<Copied> predictions = predictions();
        for (int i = 0; i < labels.size(); i++) {
            Copied label = labels.get(i);
            Copied prediction = i < predictions.size() ? predictions.get(i) : null;
            int[] ids = label.values().classIds();
            if (prediction == null || prediction == label) {
                Capture.recordNamed(TensorflowInstrumentation.NAME, mode, step, label.name(), ids, null, null);
            } else if (prediction.values().isVectors()) {
                Capture.recordNamedScores(TensorflowInstrumentation.NAME, mode, step, label.name(), ids,
                        prediction.name(), prediction.values().floats(), prediction.values().columns());
            } else {
                Capture.recordNamed(TensorflowInstrumentation.NAME, mode, step, label.name(), ids,
                        prediction.name(), prediction.values().classIds());
            }
        }
        return (labels.isEmpty() ? 0 : TfNameSelection.LABELS)
                | (labels.isEmpty() || predictions.isEmpty() ? 0 : TfNameSelection.PREDICTIONS);
    }
}
