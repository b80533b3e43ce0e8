package dev.skewguard.collector.rule;

/** Receives one class's counters (see {@link ModeState#forEachSeen}). */
@FunctionalInterface
interface ClassVisitor {
    /**
     * @param count labels counted, with or without a prediction
     * @param withPredictions labels counted with a prediction
     * @param windowCount labels the misprediction check uses (all with a prediction, or the window's)
     * @param windowWrong mispredicted labels among those
     */
    void visit(long classId, long count, long withPredictions, long mispredicted, long windowCount,
            long windowWrong);
}
