package dev.skewguard.collector.history;

/** The classes of one mode as they stand after a record, for a {@link ModeHistory} point. */
@FunctionalInterface
public interface ClassFractions {
    /** Visits every class seen, in any order. */
    void forEach(Visitor visitor);

    /** Receives one class. */
    @FunctionalInterface
    interface Visitor {
        /**
         * @param classId the class id
         * @param mispredictionFraction the fraction the misprediction check compares now
         */
        void visit(long classId, double mispredictionFraction);
    }
}
