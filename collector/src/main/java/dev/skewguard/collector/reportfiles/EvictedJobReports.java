package dev.skewguard.collector.reportfiles;

import dev.skewguard.collector.jobs.HeldJobs;
import java.util.Optional;

/**
 * Where GetReport and the dashboard read a job that left memory ({@link HeldJobs}) and is within the operator's
 * retention (--report-retention): with --state-dir the store ({@link StoredEvictedReports}), else with --report-dir
 * its report file ({@link ReportFileEvictedReports}), else nowhere ({@link #NONE}). Only the report is kept: the
 * rule's history (the dashboard's charts) lives in memory and leaves with the job.
 */
@FunctionalInterface
interface EvictedJobReports {
    /** No store, no report dir: a job that left memory is not found. */
    EvictedJobReports NONE = jobId -> Optional.empty();

    /** The job's last report (the document GetReport returns), if it is kept and within the retention. */
    Optional<String> reportJson(String jobId);
}
