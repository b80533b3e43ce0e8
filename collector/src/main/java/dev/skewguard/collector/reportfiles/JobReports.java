package dev.skewguard.collector.reportfiles;

import dev.skewguard.collector.dashboard.DashboardJobs;
import dev.skewguard.collector.history.ModeHistory;
import dev.skewguard.collector.jobs.Job;
import dev.skewguard.collector.jobs.JobRegistry;
import dev.skewguard.collector.rule.Mode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A job's report as GetReport and the dashboard's job page answer it: the job held in memory, else the one that left
 * memory and is kept ({@link EvictedJobReports}: the store, or the report file, within --report-retention). A job
 * that comes back into memory while it is looked up is found there: it is asked for in memory once more.
 */
public final class JobReports {
    private final JobRegistry registry;
    private final EvictedJobReports evicted;

    public JobReports(JobRegistry registry, EvictedJobReports evicted) {
        this.registry = registry;
        this.evicted = evicted;
    }

    /** The job's report, held or kept; empty for a job never seen here or past the retention. */
    public Optional<String> reportJson(String jobId) {
        Optional<Job> held = registry.find(jobId);
        if (held.isPresent()) {
            return Optional.of(held.get().reportJson());
        }
        Optional<String> kept = evicted.reportJson(jobId);
        return kept.isPresent() ? kept : registry.find(jobId).map(Job::reportJson);
    }

    /** The job's report and the rule's history per mode name, held or kept (a kept job has no history). */
    public Optional<DashboardJobs.JobView> dashboardView(String jobId) {
        Optional<Job> held = registry.find(jobId);
        if (held.isPresent()) {
            return Optional.of(new DashboardJobs.JobView(held.get().reportJson(), byName(held.get().history())));
        }
        Optional<String> kept = evicted.reportJson(jobId);
        if (kept.isPresent()) {
            return Optional.of(new DashboardJobs.JobView(kept.get(), Map.of()));
        }
        return registry.find(jobId).map(job -> new DashboardJobs.JobView(job.reportJson(), byName(job.history())));
    }

    private static Map<String, ModeHistory.Snapshot> byName(Map<Mode, ModeHistory.Snapshot> history) {
        Map<String, ModeHistory.Snapshot> named = new LinkedHashMap<>();
        history.forEach((mode, snapshot) -> named.put(mode.jsonName(), snapshot));
        return named;
    }
}
