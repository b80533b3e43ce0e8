package dev.skewguard.collector.reportfiles;

import dev.skewguard.collector.jobs.JobPersistence;
import dev.skewguard.collector.state.EvictedReports;
import java.time.Duration;
import java.util.Optional;

/**
 * With --state-dir: a job that left memory answers from the store (its report as it left) until --report-retention
 * has passed since it left; {@link #prune} then forgets it, report and state.
 */
final class StoredEvictedReports implements EvictedJobReports {
    private final JobPersistence persistence;
    private final Duration retention;

    StoredEvictedReports(JobPersistence persistence, Duration retention) {
        this.persistence = persistence;
        this.retention = retention;
    }

    @Override
    public Optional<String> reportJson(String jobId) {
        long cutoff = cutoffMillis();
        return persistence.evictedReport(jobId).filter(entry -> entry.leftMillis() >= cutoff)
                .map(EvictedReports.Entry::reportJson);
    }

    /** Forgets every job that left memory longer ago than the retention; how many it forgot. */
    int prune() {
        return persistence.pruneEvictedBefore(cutoffMillis());
    }

    private long cutoffMillis() {
        return System.currentTimeMillis() - retention.toMillis();
    }
}
