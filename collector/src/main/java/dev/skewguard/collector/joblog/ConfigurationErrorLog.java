package dev.skewguard.collector.joblog;

import dev.skewguard.collector.jobs.Job;
import dev.skewguard.collector.logging.CollectorLog;
import dev.skewguard.collector.logging.LogText;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Says once per job, in one line, that its data cannot be evaluated as the collector is configured (score vectors
 * as predictions without --argmax): the rule skips those batches, and otherwise only the report
 * ({@code configuration_error}) would tell. Looks at the jobs whose report changed, once a second and at close.
 */
public final class ConfigurationErrorLog {
    private final CollectorLog log;
    /** Per job: the version last looked at, or -1 once the line was said. Bounded by the jobs the collector keeps. */
    private final Map<String, Long> checked = new HashMap<>();

    public ConfigurationErrorLog(CollectorLog log) {
        this.log = log;
    }

    public synchronized void check(Collection<Job> jobs) {
        for (Job job : jobs) {
            Long last = checked.get(job.id());
            long version = job.version();
            if (last != null && (last == -1 || last == version)) {
                continue;
            }
            checked.put(job.id(), version);
            job.report().configurationError().ifPresent(error -> {
                checked.put(job.id(), -1L);
                log.warn(line(job.id(), error));
            });
        }
    }

    static String line(String jobId, String error) {
        return "job " + LogText.quote(jobId) + ": batches skipped, not evaluated as configured: "
                + LogText.escape(error) + " (restart the collector with --argmax, or let the agents send class ids: "
                + "their predictions=indices, the default); the report's configuration_error says so too";
    }
}
