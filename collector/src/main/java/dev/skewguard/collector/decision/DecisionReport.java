package dev.skewguard.collector.decision;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot of a {@link StopDecision} for reports.
 *
 * @param patience the patience in force
 * @param decision the decision, or null if not reached
 * @param holding the spans holding now, before a decision (empty after it)
 * @param ended how many spans ended without reaching their patience (each a reset of the decision)
 */
public record DecisionReport(Patience patience, Decision decision, List<Span> holding, long ended) {
    public DecisionReport {
        holding = List.copyOf(holding);
    }

    public Optional<Decision> decided() {
        return Optional.ofNullable(decision);
    }
}
