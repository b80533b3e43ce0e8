package dev.skewguard.collector.jobs;

import dev.skewguard.collector.decision.DecisionReport;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.report.ReportJson;
import dev.skewguard.collector.report.ReportTimes;
import dev.skewguard.collector.rule.Report;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's report JSON: the rule's report plus what the server knows (workers, drops, the stop), built from a
 * {@link Inputs} read under the job's lock, and kept for the job's version it was built at, so a report is built
 * once per change at most.
 *
 * <p>Guarded by its {@link Job}'s lock; {@link Inputs#toJson()} runs outside it.
 */
final class JobReport {
    private long cachedVersion = -1;
    private String cachedJson;

    /** The report built at job version {@code version}, or null if none was. */
    String cached(long version) {
        return cachedVersion == version ? cachedJson : null;
    }

    /** Keeps {@code json}, built from the inputs of {@code builtAt}, if the job is still at that version. */
    void built(long builtAt, long currentVersion, String json) {
        if (builtAt == currentVersion) {
            cachedVersion = builtAt;
            cachedJson = json;
        }
    }

    /** What a job's report shows, read under the job's lock at job version {@code version}. */
    record Inputs(long version, Report report, DecisionReport decided, ReportTimes times, List<String> frameworks,
                  String jobId, Action action, boolean stopped, long batchesCounted, long duplicateBatches,
                  boolean lostState, JobInstances.Totals workers, long rejectedStreams,
                  Map<String, Object> jobParameters) {

        /** The report JSON (its keys in the order reports have always had them). */
        String toJson() {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("job", jobId);
            extra.put("action", action.jsonName());
            extra.put("stopped", stopped);
            extra.put("batches_counted", batchesCounted);
            extra.put("duplicate_batches", duplicateBatches);
            extra.put("collector_lost_state", lostState);
            extra.put("dropped_batches", workers.dropped());
            extra.put("unsent_batches", workers.unsent());
            extra.put("rejected_streams", rejectedStreams);
            extra.put("connected_workers", workers.connected());
            extra.put("attached_workers", workers.attached());
            extra.put("workers", workers.workers());
            extra.put("job_parameters", jobParameters);
            return ReportJson.toJson(report, decided, times, frameworks, extra);
        }
    }
}
