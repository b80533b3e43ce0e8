package dev.skewguard.collector.jobs;

import dev.skewguard.collector.decision.Decision;
import dev.skewguard.collector.decision.Span;
import dev.skewguard.collector.rule.Finding;
import dev.skewguard.proto.v1.Stop;
import java.util.List;
import java.util.Optional;

/**
 * What counting one batch did: the rule's first trigger, spans of the stop decision that ended (resets), and
 * the decision, with the Stop to send and to whom; {@code attachedCountsStart}: the first counted batch of an
 * instance attached to a running JVM (where its counts start).
 */
public record CountedBatch(long countedThrough, boolean duplicate, Optional<Finding> firstTrigger, List<Span> ended,
                           Optional<Decision> decided, Stop stop, List<AgentConnection> streamsToStop,
                           boolean attachedCountsStart) {
    /** A batch counted before (sent again after a reconnect): nothing new, counted through {@code countedThrough}. */
    static CountedBatch duplicate(long countedThrough) {
        return new CountedBatch(countedThrough, true, Optional.empty(), List.of(), Optional.empty(), null, List.of(),
                false);
    }

    public boolean newsworthy() {
        return firstTrigger.isPresent() || decided.isPresent() || !ended.isEmpty();
    }
}
