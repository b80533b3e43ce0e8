package dev.skewguard.collector.decision;

import dev.skewguard.collector.rule.Mode;

/**
 * A stretch of one mode's records over which one check fired after every record.
 *
 * @param mode the mode
 * @param check {@code "imbalance"} or {@code "misprediction"}
 * @param sinceStep the step of the record after which the check began to fire
 * @param sinceLabels the labels the mode had counted then
 * @param heldLabels the labels the mode counted since then, while the check kept firing
 */
public record Span(Mode mode, String check, long sinceStep, long sinceLabels, long heldLabels) {
}
