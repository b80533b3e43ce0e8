package dev.skewguard.collector.options;

import java.time.Duration;

/**
 * What the collector holds at most, so that no client can grow its memory without bound: jobs, worker instances per
 * job, calls per connection, and bytes of GetReport answers not yet delivered to their readers. Beyond a limit the
 * collector refuses with RESOURCE_EXHAUSTED and a message naming the option to raise.
 *
 * @param maxJobs jobs held in memory (--max-jobs); a job whose agents have all left is evicted to make room
 * @param maxInstancesPerJob worker instances (JVM starts) one job may have (--max-instances-per-job)
 * @param maxCallsPerConnection concurrent calls on one connection (--max-calls-per-connection): HTTP/2's
 *     SETTINGS_MAX_CONCURRENT_STREAMS, so a gRPC client waits for a free one
 * @param maxPendingReportBytes bytes of GetReport answers sent but not yet read by their clients, in total
 *     (--max-pending-report-bytes)
 * @param evictIdleJobsAfter how long a job may have no agent connected before it leaves memory (its report file
 *     stays); zero: only when room is needed
 */
public record Limits(int maxJobs, int maxInstancesPerJob, int maxCallsPerConnection, long maxPendingReportBytes,
                     Duration evictIdleJobsAfter) {
    public static final int DEFAULT_MAX_JOBS = 1000;
    public static final int DEFAULT_MAX_INSTANCES_PER_JOB = 1000;
    public static final int DEFAULT_MAX_CALLS_PER_CONNECTION = 100;
    public static final long DEFAULT_MAX_PENDING_REPORT_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_EVICT_IDLE_JOBS_AFTER = Duration.ofMinutes(10);

    public static final Limits DEFAULTS = new Limits(DEFAULT_MAX_JOBS, DEFAULT_MAX_INSTANCES_PER_JOB,
            DEFAULT_MAX_CALLS_PER_CONNECTION, DEFAULT_MAX_PENDING_REPORT_BYTES, DEFAULT_EVICT_IDLE_JOBS_AFTER);

    public Limits {
        positive(maxJobs, "--max-jobs");
        positive(maxInstancesPerJob, "--max-instances-per-job");
        positive(maxCallsPerConnection, "--max-calls-per-connection");
        positive(maxPendingReportBytes, "--max-pending-report-bytes");
        if (evictIdleJobsAfter == null || evictIdleJobsAfter.isNegative()) {
            throw new IllegalArgumentException("--evict-idle-jobs-after must be 0 (only when room is needed) or a "
                    + "number of seconds, got "
                    + (evictIdleJobsAfter == null ? null : evictIdleJobsAfter.toSeconds()));
        }
    }

    private static void positive(long value, String option) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
    }

    public Limits withMaxJobs(int value) {
        return new Limits(value, maxInstancesPerJob, maxCallsPerConnection, maxPendingReportBytes, evictIdleJobsAfter);
    }

    public Limits withMaxInstancesPerJob(int value) {
        return new Limits(maxJobs, value, maxCallsPerConnection, maxPendingReportBytes, evictIdleJobsAfter);
    }

    public Limits withMaxCallsPerConnection(int value) {
        return new Limits(maxJobs, maxInstancesPerJob, value, maxPendingReportBytes, evictIdleJobsAfter);
    }

    public Limits withMaxPendingReportBytes(long value) {
        return new Limits(maxJobs, maxInstancesPerJob, maxCallsPerConnection, value, evictIdleJobsAfter);
    }

    public Limits withEvictIdleJobsAfter(Duration value) {
        return new Limits(maxJobs, maxInstancesPerJob, maxCallsPerConnection, maxPendingReportBytes, value);
    }
}
