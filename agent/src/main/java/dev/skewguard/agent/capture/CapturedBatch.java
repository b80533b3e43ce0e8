package dev.skewguard.agent.capture;

/**
 * One captured batch as the training thread hands it over: references to arrays the agent owns, nothing encoded
 * yet (encoding happens on the sender thread). Either {@code predictedClasses} or {@code scores} (row-major
 * N x numClasses) or neither is set.
 */
public final class CapturedBatch {
    private final String framework;
    private final CaptureMode mode;
    private final long step;
    private final int[] labels;
    private final int[] predictedClasses;
    private final float[] scores;
    private final int numClasses;

    private CapturedBatch(String framework, CaptureMode mode, long step, int[] labels, int[] predictedClasses,
                          float[] scores, int numClasses) {
        this.framework = framework;
        this.mode = mode;
        this.step = step;
        this.labels = labels;
        this.predictedClasses = predictedClasses;
        this.scores = scores;
        this.numClasses = numClasses;
    }

    public static CapturedBatch ofClasses(String framework, CaptureMode mode, long step, int[] labels,
                                          int[] predictedClasses) {
        return new CapturedBatch(framework, mode, step, labels, predictedClasses, null, 0);
    }

    public static CapturedBatch ofScores(String framework, CaptureMode mode, long step, int[] labels,
                                         float[] scores, int numClasses) {
        return new CapturedBatch(framework, mode, step, labels, null, scores, numClasses);
    }

    public String framework() { return framework; }
    public CaptureMode mode() { return mode; }
    public long step() { return step; }
    public int[] labels() { return labels; }
    /** Predicted class ids, or null. */
    public int[] predictedClasses() { return predictedClasses; }
    /** Score vectors, row-major N x numClasses, or null. */
    public float[] scores() { return scores; }
    public int numClasses() { return numClasses; }
}
