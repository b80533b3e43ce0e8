package dev.skewguard.collector.rule;

/**
 * What the rule's checks said after one counted record whose mode had reached the samples gate.
 *
 * @param step the record's step
 * @param mode the record's mode: the state the checks ran on
 * @param worker the record's worker ("" if none)
 * @param labels the labels the mode had counted after the record
 * @param imbalance the imbalance check fired
 * @param misprediction the misprediction check fired
 */
public record Checked(long step, Mode mode, String worker, long labels, boolean imbalance, boolean misprediction)
        implements java.io.Serializable {
    /** Either check fired. */
    public boolean fired() {
        return imbalance || misprediction;
    }
}
