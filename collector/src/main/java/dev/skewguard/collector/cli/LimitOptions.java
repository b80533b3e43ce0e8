package dev.skewguard.collector.cli;

import dev.skewguard.collector.options.Limits;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code serve}'s bounds on what clients can make the collector hold ({@link Limits}), as a picocli {@code @Mixin}. */
public final class LimitOptions {
    @Option(names = "--max-jobs", defaultValue = "" + Limits.DEFAULT_MAX_JOBS, paramLabel = "N",
            description = "Jobs held in memory at most (default: ${DEFAULT-VALUE}); a finished job (every agent said "
                    + "Goodbye) leaves memory to make room, its report file stays; beyond: RESOURCE_EXHAUSTED.")
    int maxJobs;

    @Option(names = "--max-instances-per-job", defaultValue = "" + Limits.DEFAULT_MAX_INSTANCES_PER_JOB,
            paramLabel = "N", description = "Worker instances (JVM starts) per job at most (default: "
                    + "${DEFAULT-VALUE}); a Hello beyond fails with RESOURCE_EXHAUSTED.")
    int maxInstancesPerJob;

    @Option(names = "--max-calls-per-connection", defaultValue = "" + Limits.DEFAULT_MAX_CALLS_PER_CONNECTION,
            paramLabel = "N", description = "Concurrent calls (streams) on one connection at most (default: "
                    + "${DEFAULT-VALUE}); gRPC clients wait for a free one.")
    int maxCallsPerConnection;

    @Option(names = "--max-pending-report-bytes", defaultValue = "" + Limits.DEFAULT_MAX_PENDING_REPORT_BYTES,
            paramLabel = "BYTES", description = "Bytes of GetReport answers sent but not yet read by their clients, "
                    + "in total (default: ${DEFAULT-VALUE}, 64 MiB); a GetReport beyond fails with RESOURCE_EXHAUSTED.")
    long maxPendingReportBytes;

    @Option(names = "--evict-idle-jobs-after", defaultValue = "" + 600, paramLabel = "SECONDS",
            description = "A job no agent has been connected to for SECONDS leaves memory (default: "
                    + "${DEFAULT-VALUE}; its report file stays); 0: only when --max-jobs needs room.")
    long evictIdleJobsAfterSeconds;

    /**
     * The limits given.
     *
     * @throws IllegalArgumentException naming the option when a value is out of range
     */
    Limits toLimits() {
        return new Limits(maxJobs, maxInstancesPerJob, maxCallsPerConnection, maxPendingReportBytes,
                Duration.ofSeconds(evictIdleJobsAfterSeconds));
    }
}
