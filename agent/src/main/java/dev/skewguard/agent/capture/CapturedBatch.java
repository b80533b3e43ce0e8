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
    private final String labelsName;
    private final String predictionsName;
    private final String task;

    private CapturedBatch(String framework, CaptureMode mode, long step, int[] labels, int[] predictedClasses,
                          float[] scores, int numClasses, String labelsName, String predictionsName) {
        this(framework, mode, step, labels, predictedClasses, scores, numClasses, labelsName, predictionsName, null);
    }

    private CapturedBatch(String framework, CaptureMode mode, long step, int[] labels, int[] predictedClasses,
                          float[] scores, int numClasses, String labelsName, String predictionsName, String task) {
        this.framework = framework;
        this.mode = mode;
        this.step = step;
        this.labels = labels;
        this.predictedClasses = predictedClasses;
        this.scores = scores;
        this.numClasses = numClasses;
        this.labelsName = labelsName;
        this.predictionsName = predictionsName;
        this.task = task;
    }

    public static CapturedBatch ofClasses(String framework, CaptureMode mode, long step, int[] labels,
                                          int[] predictedClasses) {
        return new CapturedBatch(framework, mode, step, labels, predictedClasses, null, 0, null, null);
    }

    public static CapturedBatch ofScores(String framework, CaptureMode mode, long step, int[] labels,
                                         float[] scores, int numClasses) {
        return new CapturedBatch(framework, mode, step, labels, null, scores, numClasses, null, null);
    }

    /**
     * The same batch with the program's own tensor names instead of {@code <framework>/<mode>/labels} and
     * {@code .../predictions}; a null {@code predictions} name sends no prediction tensor (the labels tensor, whose
     * name matched both of the collector's regexes, serves as both).
     */
    public CapturedBatch named(String labels, String predictions) {
        return new CapturedBatch(framework, mode, step, this.labels, predictions == null ? null : predictedClasses,
                predictions == null ? null : scores, numClasses, labels, predictions, task);
    }

    /** The same batch, captured in the part of the process {@code task} names (see {@link TaskLabel}). */
    public CapturedBatch inTask(String task) {
        return new CapturedBatch(framework, mode, step, labels, predictedClasses, scores, numClasses, labelsName,
                predictionsName, task);
    }

    public String framework() { return framework; }
    /** The labels tensor's own name, or null for {@code <framework>/<mode>/labels}. */
    public String labelsName() { return labelsName; }
    /** The predictions tensor's own name, or null for {@code <framework>/<mode>/predictions}. */
    public String predictionsName() { return predictionsName; }
    public CaptureMode mode() { return mode; }
    public long step() { return step; }
    public int[] labels() { return labels; }
    /** Predicted class ids, or null. */
    public int[] predictedClasses() { return predictedClasses; }
    /** Score vectors, row-major N x numClasses, or null. */
    public float[] scores() { return scores; }
    public int numClasses() { return numClasses; }
    /** The part of the process that captured the batch (a Spark task), or null. */
    public String task() { return task; }
}
