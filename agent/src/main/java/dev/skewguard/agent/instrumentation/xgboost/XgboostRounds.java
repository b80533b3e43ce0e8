package dev.skewguard.agent.instrumentation.xgboost;

import dev.skewguard.agent.capture.TrainingWatch;
import java.lang.ref.WeakReference;

/**
 * Per-thread boosting state the (stateless) advice reads and updates: the latest round and the matrix it trained on
 * (so that a watched training matrix is not counted again as evaluation data), plus the every-N-rounds setting.
 */
public final class XgboostRounds {
    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);
    private static volatile int every = 1;

    private XgboostRounds() {
    }

    static void captureEvery(int rounds) {
        every = Math.max(1, rounds);
    }

    /** A round on {@code trainingMatrix} has completed. */
    public static void trained(Object trainingMatrix, int round) {
        TrainingWatch.stepped(XgboostInstrumentation.NAME);
        State state = STATE.get();
        state.round = round;
        if (state.trainingMatrix.get() != trainingMatrix) {
            state.trainingMatrix = new WeakReference<>(trainingMatrix);
        }
    }

    /** The latest round trained on this thread, 0 before any. */
    public static int round() {
        return STATE.get().round;
    }

    /** Whether this round is one to capture ({@code xgboost_every}). */
    public static boolean captures(int round) {
        return round % every == 0;
    }

    /** Whether {@code matrix} is the one this thread's latest round trained on. */
    public static boolean isTrainingMatrix(Object matrix) {
        return matrix != null && STATE.get().trainingMatrix.get() == matrix;
    }

    private static final class State {
        int round;
        WeakReference<Object> trainingMatrix = new WeakReference<>(null);
    }
}
