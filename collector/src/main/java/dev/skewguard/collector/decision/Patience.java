package dev.skewguard.collector.decision;

/**
 * How long a check of the rule must hold before the collector acts on it (stops the job): the labels its mode must
 * count, from the record after which the check fired, while the check keeps firing after every record of that mode.
 * 0: act at once, on the first trigger.
 *
 * <p>The two checks get their own patience because they fail in different ways. A data set's class shares do not
 * change while a job trains, so a genuine imbalance keeps holding and a short patience only costs a few batches.
 * Mispredictions of a model that has not learned yet fade as it learns, and a slowly learning model mispredicts
 * most classes for thousands of labels, so the misprediction check needs a long one.
 *
 * @param imbalanceLabels patience of the imbalance check, in labels of the mode
 * @param mispredictionLabels patience of the misprediction check, in labels of the mode
 */
public record Patience(long imbalanceLabels, long mispredictionLabels) implements java.io.Serializable {
    /** Default patience of the imbalance check, in labels. */
    public static final long DEFAULT_IMBALANCE_LABELS = 1_000;
    /** Default patience of the misprediction check, in labels. */
    public static final long DEFAULT_MISPREDICTION_LABELS = 20_000;

    /** The defaults: imbalance 1,000 labels, misprediction 20,000 labels. */
    public static final Patience DEFAULTS = new Patience(DEFAULT_IMBALANCE_LABELS, DEFAULT_MISPREDICTION_LABELS);
    /** No patience: act on the first trigger. */
    public static final Patience NONE = new Patience(0, 0);

    public Patience {
        if (imbalanceLabels < 0) {
            throw new IllegalArgumentException("imbalance patience must not be negative, got " + imbalanceLabels);
        }
        if (mispredictionLabels < 0) {
            throw new IllegalArgumentException(
                    "misprediction patience must not be negative, got " + mispredictionLabels);
        }
    }
}
