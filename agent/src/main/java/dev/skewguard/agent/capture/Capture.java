package dev.skewguard.agent.capture;

import dev.skewguard.agent.stop.StopController;

/**
 * The static entry points advice calls on the training thread. Each call only checks its arguments, wraps the
 * arrays (which the agent owns from then on: callers pass fresh copies) and offers them to a bounded queue; no
 * network, no waiting (unless block_when_full). Before the agent is installed every call is a no-op.
 */
public final class Capture {
    private static volatile BatchQueue queue;
    private static volatile boolean wantsScores;

    private Capture() {
    }

    /** Called once by the agent at start. */
    public static void install(BatchQueue batchQueue, boolean scores) {
        wantsScores = scores;
        queue = batchQueue;
    }

    /**
     * Records one batch of class ids. {@code predictedClasses} may be null (labels only); if given it has the
     * labels' length. {@code step} is the framework's step number (informational).
     */
    public static void record(String framework, CaptureMode mode, long step, int[] labels, int[] predictedClasses) {
        recordNamed(framework, mode, step, null, labels, null, predictedClasses);
    }

    /**
     * As {@link #record}, with the program's own tensor names ({@code labelsName} non-null; a null
     * {@code predictionsName} with predictions means the labels tensor serves as both, see
     * {@link CapturedBatch#named}). Null names give {@code <framework>/<mode>/labels} and {@code .../predictions}.
     */
    public static void recordNamed(String framework, CaptureMode mode, long step, String labelsName, int[] labels,
                                   String predictionsName, int[] predictedClasses) {
        BatchQueue q = queue;
        if (q == null) {
            return;
        }
        if (labels == null) {
            adviceError(framework, new IllegalArgumentException("labels are null"));
            return;
        }
        if (predictedClasses != null && predictedClasses.length != labels.length) {
            adviceError(framework, new IllegalArgumentException("predictions have " + predictedClasses.length
                    + " entries for " + labels.length + " labels"));
            return;
        }
        CapturedBatch batch = CapturedBatch.ofClasses(framework, mode, step, labels, predictedClasses);
        q.offer(inTask(labelsName == null ? batch : batch.named(labelsName, predictionsName)));
    }

    /**
     * Records one batch of labels and score vectors, {@code scores} row-major N x numClasses. With
     * predictions=indices the agent reduces them to their argmax (on the sender thread).
     */
    public static void recordScores(String framework, CaptureMode mode, long step, int[] labels, float[] scores,
                                    int numClasses) {
        recordNamedScores(framework, mode, step, null, labels, null, scores, numClasses);
    }

    /** As {@link #recordScores}, with the program's own tensor names (see {@link #recordNamed}). */
    public static void recordNamedScores(String framework, CaptureMode mode, long step, String labelsName,
                                         int[] labels, String predictionsName, float[] scores, int numClasses) {
        BatchQueue q = queue;
        if (q == null) {
            return;
        }
        if (labels == null || scores == null) {
            adviceError(framework, new IllegalArgumentException(labels == null ? "labels are null" : "scores are null"));
            return;
        }
        if (numClasses <= 0 || (long) labels.length * numClasses != scores.length) {
            adviceError(framework, new IllegalArgumentException("scores have " + scores.length + " entries, not "
                    + labels.length + " labels x " + numClasses + " classes"));
            return;
        }
        CapturedBatch batch = CapturedBatch.ofScores(framework, mode, step, labels, scores, numClasses);
        q.offer(inTask(labelsName == null ? batch : batch.named(labelsName, predictionsName)));
    }

    /**
     * Counts {@code n} batches this instrumentation saw but could not send as the collector's rule reads them: they
     * are reported as dropped, at exit and in the collector's report.
     */
    public static void countLost(String framework, long n) {
        BatchQueue q = queue;
        if (q != null) {
            q.countLost(framework, n);
        }
    }

    /** The batch as captured in the current thread's task, if an instrumentation tells tasks apart. */
    private static CapturedBatch inTask(CapturedBatch batch) {
        String task = TaskLabel.current();
        return task == null ? batch : batch.inTask(task);
    }

    /**
     * Connects to the collector now rather than on the first batch (see {@link BatchQueue#startSender}); a no-op
     * before the agent is installed or once connected. Never blocks.
     */
    public static void startSender() {
        BatchQueue q = queue;
        if (q != null) {
            q.startSender();
        }
    }

    /** Whether the user asked for score vectors (predictions=scores) rather than class ids. */
    public static boolean wantsScores() {
        return wantsScores;
    }

    /** Whether the agent is installed and capturing; advice may skip costly copies when it is not. */
    public static boolean active() {
        return queue != null;
    }

    /** Counts an error an advice met and suppressed; the first one is logged as one line. Never throws. */
    public static void adviceError(String instrumentation, Throwable t) {
        try {
            AdviceErrors.record(instrumentation, t);
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    /**
     * Throws the agent's unchecked stop exception when the collector said stop and on_stop=throw; otherwise
     * returns at the cost of one volatile read.
     */
    public static void checkStop() {
        StopController.checkStop();
    }
}
