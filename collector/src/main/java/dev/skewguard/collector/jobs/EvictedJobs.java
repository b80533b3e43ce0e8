package dev.skewguard.collector.jobs;

import dev.skewguard.collector.options.Limits;

/**
 * Where a job goes when it leaves the collector's memory ({@link Limits#maxJobs()},
 * {@link Limits#evictIdleJobsAfter()}): by then no agent is connected to it and its final report file is written. A
 * state store keeps the job here, with its report as it left for GetReport and the dashboard
 * ({@code reportfiles.ReportRetention}), and gives it back when an agent of the same job id says Hello again; without
 * one, that agent starts a new job.
 */
@FunctionalInterface
interface EvictedJobs {
    void evicted(Job job);
}
