package dev.skewguard.collector.rule;

/**
 * Counts of one class in one mode.
 *
 * @param classId the class id
 * @param count labels of this class counted (cumulative)
 * @param mispredicted labels of this class whose prediction differed (cumulative)
 * @param mispredictionFraction the fraction the misprediction check compares: mispredicted / count, or, with a
 *     window, the same over the class's last window labels; 0 when the class has no labels
 */
public record ClassStats(long classId, long count, long mispredicted, double mispredictionFraction) {
}
