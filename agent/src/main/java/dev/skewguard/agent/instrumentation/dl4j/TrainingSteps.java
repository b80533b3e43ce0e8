package dev.skewguard.agent.instrumentation.dl4j;

import dev.skewguard.agent.capture.TrainingWatch;

/**
 * Per-thread DL4J training state the (stateless) advice reads and updates: whether the thread is inside a training
 * iteration ({@code computeGradientAndScore}), that iteration's step, and how deep it is in loss-function calls.
 */
public final class TrainingSteps {
    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);
    private static volatile long lastStep;

    private TrainingSteps() {
    }

    /** A training iteration starts (or nests); the outermost one sets the step. Always pair with {@link #exit()}. */
    public static boolean enter(long step) {
        State state = STATE.get();
        if (state.iterationDepth++ == 0) {
            state.step = step;
            lastStep = step;
            TrainingWatch.stepped(Dl4jInstrumentation.NAME);
        }
        return true;
    }

    public static void exit() {
        State state = STATE.get();
        if (state.iterationDepth > 0) {
            state.iterationDepth--;
        }
    }

    public static boolean inTrainingIteration() {
        return STATE.get().iterationDepth > 0;
    }

    /** The step of the current training iteration on this thread. */
    public static long step() {
        return STATE.get().step;
    }

    /** The step of the latest training iteration on any thread (for evaluation batches); 0 before training. */
    public static long lastStep() {
        return lastStep;
    }

    /** A loss-function call starts; returns whether it is the outermost one. Always pair with {@link #exitLoss()}. */
    public static boolean enterLoss() {
        return STATE.get().lossDepth++ == 0;
    }

    public static void exitLoss() {
        State state = STATE.get();
        if (state.lossDepth > 0) {
            state.lossDepth--;
        }
    }

    private static final class State {
        int iterationDepth;
        int lossDepth;
        long step;
    }
}
