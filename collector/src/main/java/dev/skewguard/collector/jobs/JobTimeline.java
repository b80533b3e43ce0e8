package dev.skewguard.collector.jobs;

import dev.skewguard.collector.report.CapturedFrameworks;
import dev.skewguard.collector.report.ReportTimes;
import dev.skewguard.collector.rule.Record;
import dev.skewguard.collector.rule.Tensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * When a job started, last changed, first triggered and was decided, and which frameworks its counted batches
 * came from: the report's {@code timestamps} and {@code frameworks}. Guarded by its {@link Job}'s lock; stored with
 * the job's state (a state stored before it has none: those times are unknown, null in the report).
 */
final class JobTimeline implements Serializable {
    private static final long serialVersionUID = 1L;

    private long startedMillis;
    private long updatedMillis;
    private long firstTriggerMillis;
    private long stopDecisionMillis;
    private final ArrayList<String> frameworks = new ArrayList<>();

    /** A new job, made now. */
    static JobTimeline startingNow() {
        JobTimeline timeline = new JobTimeline();
        timeline.startedMillis = System.currentTimeMillis();
        timeline.updatedMillis = timeline.startedMillis;
        return timeline;
    }

    /** Something in the report changed. */
    void changed() {
        updatedMillis = System.currentTimeMillis();
    }

    /**
     * A batch was counted: {@code framework} is its Batch.framework ("" if it named none; then its tensor names
     * may name it), {@code firstTrigger} and {@code decided} whether the rule first fired and the stop was decided
     * on it.
     */
    void counted(Record record, String framework, boolean firstTrigger, boolean decided) {
        changed();
        if (firstTrigger && firstTriggerMillis == 0) {
            firstTriggerMillis = updatedMillis;
        }
        if (decided && stopDecisionMillis == 0) {
            stopDecisionMillis = updatedMillis;
        }
        if (framework != null && !framework.isEmpty()) {
            CapturedFrameworks.add(frameworks, framework);
            return;
        }
        for (Tensor tensor : record.tensors()) {
            CapturedFrameworks.add(frameworks, CapturedFrameworks.fromTensorName(tensor.name()));
        }
    }

    ReportTimes times() {
        return ReportTimes.ofMillis(startedMillis, updatedMillis, firstTriggerMillis, stopDecisionMillis);
    }

    List<String> frameworks() {
        return List.copyOf(frameworks);
    }
}
