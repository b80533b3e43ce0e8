package dev.skewguard.agent.instrumentation.methods;

import dev.skewguard.agent.capture.Capture;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the inlined advice of the methods instrumentation calls on exit: reads the values a spec names, copies them
 * and hands them to {@link Capture}. Holds the specs (set once at start) so that the advice itself holds no state.
 */
public final class MethodsCapture {
    public static final String NAME = "methods";
    private static volatile MethodSpec[] specs = new MethodSpec[0];
    private static volatile AtomicLongArray calls = new AtomicLongArray(0);

    private MethodsCapture() {
    }

    static void install(List<MethodSpec> installed) {
        calls = new AtomicLongArray(installed.size());
        specs = installed.toArray(new MethodSpec[0]);
    }

    /** Captures one call of the spec with this index. Throws on unreadable values (the advice counts them). */
    public static void onExit(int specIndex, Object[] args, Object returned) {
        MethodSpec spec = specs[specIndex];
        long call = calls.incrementAndGet(specIndex);
        Object labelValue = spec.labels().read(args, returned);
        int[] labels = ValueReader.classIds(labelValue, spec + " labels (" + spec.labels() + ")");
        long step = call;
        if (spec.step() != null) {
            Object s = spec.step().read(args, returned);
            if (!(s instanceof Number)) {
                throw new IllegalArgumentException(spec + " step (" + spec.step() + ") is not a number");
            }
            step = ((Number) s).longValue();
        }
        if (spec.predictions() == null) {
            Capture.record(NAME, spec.mode(), step, labels, null);
            return;
        }
        Object predictionValue = spec.predictions().read(args, returned);
        String what = spec + " predictions (" + spec.predictions() + ")";
        if (ValueReader.isMatrix(predictionValue)) {
            ValueReader.Scores scores = ValueReader.scores(predictionValue, what);
            if (scores.rows != labels.length) {
                throw new IllegalArgumentException(what + " has " + scores.rows + " rows for " + labels.length
                        + " labels");
            }
            // With predictions=indices the sender thread reduces the scores to their argmax.
            Capture.recordScores(NAME, spec.mode(), step, labels, scores.values, scores.columns);
            return;
        }
        int[] predicted = ValueReader.classIds(predictionValue, what);
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException(what + " has " + predicted.length + " entries for " + labels.length
                    + " labels");
        }
        Capture.record(NAME, spec.mode(), step, labels, predicted);
    }
}
