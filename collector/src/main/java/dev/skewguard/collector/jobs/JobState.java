package dev.skewguard.collector.jobs;

import dev.skewguard.collector.decision.StopDecision;
import dev.skewguard.collector.params.EffectiveParameters;
import dev.skewguard.collector.rule.RuleState;
import java.io.Serializable;
import java.util.List;

/**
 * What a collector with a state dir stores of one job, in one value (so one commit holds it whole): the rule's and
 * the stop decision's state, the job's counters, and each instance with its last counted sequence. The instances are
 * the job's live ones: serialize it under the job's lock. {@code timeline} and
 * {@code parameters} are null in a state stored before them.
 */
record JobState(String jobId, RuleState rule, StopDecision.State decision, long batchesCounted,
        long duplicateBatches, long rejectedStreams, int resetLines, boolean lostState, List<Instance> instances,
        JobTimeline timeline, EffectiveParameters parameters)
        implements Serializable {
}
