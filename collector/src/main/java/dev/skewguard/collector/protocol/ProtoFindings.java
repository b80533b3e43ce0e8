package dev.skewguard.collector.protocol;

import dev.skewguard.collector.decision.Decision;
import dev.skewguard.collector.rule.ClassStats;
import dev.skewguard.collector.rule.Finding;
import dev.skewguard.proto.v1.Mode;
import dev.skewguard.proto.v1.Notice;
import dev.skewguard.proto.v1.Stop;

/** Turns the rule's {@link Finding} into the protocol's Stop and Notice messages. */
public final class ProtoFindings {
    private ProtoFindings() {
    }

    /** The Stop for a decision: the finding at the decision, how long it held, and the first trigger. */
    public static Stop stop(Decision decision) {
        return Stop.newBuilder().setFinding(finding(decision)).build();
    }

    /** The Notice for a decision under --action log: the same finding a Stop would carry. */
    public static Notice notice(Decision decision) {
        return Notice.newBuilder().setFinding(finding(decision)).build();
    }

    private static dev.skewguard.proto.v1.Finding finding(Decision decision) {
        Finding finding = decision.finding();
        dev.skewguard.proto.v1.Finding.Builder proto = dev.skewguard.proto.v1.Finding.newBuilder()
                .addAllChecks(finding.checks())
                .setRatio(finding.ratio())
                .setStep(finding.step())
                .setMode(mode(finding.mode()))
                .setWorkerId(finding.worker())
                .setSummary(decision.summary())
                .setFirstTriggerStep(decision.firstTrigger().step())
                .setFirstTriggerMode(mode(decision.firstTrigger().mode()))
                .setHeldSinceStep(decision.heldSinceStep())
                .setHeldLabels(decision.heldLabels());
        for (ClassStats stats : finding.classes()) {
            proto.addClasses(dev.skewguard.proto.v1.ClassStats.newBuilder()
                    .setClassId(stats.classId())
                    .setCount(stats.count())
                    .setMispredicted(stats.mispredicted())
                    .setMispredictionFraction(stats.mispredictionFraction()));
        }
        return proto.build();
    }

    static Mode mode(dev.skewguard.collector.rule.Mode mode) {
        switch (mode) {
            case TRAIN: return Mode.MODE_TRAIN;
            case EVAL: return Mode.MODE_EVAL;
            case PREDICT: return Mode.MODE_PREDICT;
            default: return Mode.MODE_UNSPECIFIED;
        }
    }
}
