package dev.skewguard.collector.decision;

import dev.skewguard.collector.rule.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The decision to act on the rule (stop the job): a check held over its {@link Patience}.
 *
 * @param finding the checks as they fire at the decision (step, mode, worker, counts, offending classes)
 * @param firstTrigger the rule's first trigger (the same moment as {@code finding} when the patience is 0)
 * @param held the check or checks whose patience ran out, in the rule's order (imbalance, misprediction)
 * @param heldSinceStep the step from which the held check fired after every record of the mode
 * @param heldSinceLabels the labels the mode had counted then
 */
public record Decision(Finding finding, Finding firstTrigger, List<String> held, long heldSinceStep,
        long heldSinceLabels) implements java.io.Serializable {
    public Decision {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(firstTrigger, "firstTrigger");
        held = List.copyOf(held);
    }

    /** Labels of the mode counted while the held check kept firing (0: decided on the record it first fired). */
    public long heldLabels() {
        return finding.labels() - heldSinceLabels;
    }

    /** True when the decision came with the first trigger itself (no patience, or a patience already met). */
    public boolean atFirstTrigger() {
        return finding.step() == firstTrigger.step() && finding.mode() == firstTrigger.mode()
                && finding.labels() == firstTrigger.labels();
    }

    /**
     * One line: the finding's summary at the decision, then how long it held and where the rule first fired, e.g.
     * {@code ClassImbalance: imbalance ratio 16.4 > 10.0 (...) at train step 47; imbalance held over 1,024 train
     * labels since train step 15; first trigger at train step 15}.
     */
    public String summary() {
        String mode = finding.mode().jsonName();
        return finding.summary() + String.format(Locale.ROOT, "; %s held over %,d %s labels since %s step %d",
                String.join(" and ", held), heldLabels(), mode, mode, heldSinceStep)
                + "; first trigger at " + firstTrigger.mode().jsonName() + " step " + firstTrigger.step();
    }
}
