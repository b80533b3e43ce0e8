package dev.skewguard.collector.rule;

/**
 * Counts of one class in one mode.
 *
 * @param classId the class id
 * @param count labels of this class counted (cumulative), with or without a prediction
 * @param mispredicted labels of this class whose prediction differed (cumulative)
 * @param mispredictionFraction the fraction the misprediction check compares: mispredicted / withPredictions, or,
 *     with a window, the same over the class's last window labels that had a prediction; 0 when there are none
 * @param withPredictions labels of this class that came with a prediction (the others were in records with label
 *     tensors only, which count for the imbalance check alone)
 */
public record ClassStats(long classId, long count, long mispredicted, double mispredictionFraction,
        long withPredictions) implements java.io.Serializable {
    /** A class whose every label came with a prediction. */
    public ClassStats(long classId, long count, long mispredicted, double mispredictionFraction) {
        this(classId, count, mispredicted, mispredictionFraction, count);
    }
}
