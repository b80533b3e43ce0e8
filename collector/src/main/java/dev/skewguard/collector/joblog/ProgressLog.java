package dev.skewguard.collector.joblog;

import dev.skewguard.collector.jobs.Job;
import dev.skewguard.collector.jobs.JobSnapshot;
import dev.skewguard.collector.logging.CollectorLog;
import dev.skewguard.collector.logging.LogText;
import dev.skewguard.collector.rule.ClassStats;
import dev.skewguard.collector.rule.Report;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every few seconds, one line per active job (one with a connected agent, or that counted batches since the last
 * line): labels counted, imbalance ratio, worst class misprediction, batches per second, connected workers.
 */
public final class ProgressLog {
    private final CollectorLog log;
    private final Map<String, Long> lastBatches = new HashMap<>();
    private long lastNanos = System.nanoTime();

    public ProgressLog(CollectorLog log) {
        this.log = log;
    }

    public synchronized void tick(Collection<Job> jobs) {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        lastNanos = now;
        for (Job job : jobs) {
            JobSnapshot snapshot = job.snapshot();
            long before = lastBatches.getOrDefault(job.id(), 0L);
            lastBatches.put(job.id(), snapshot.batchesCounted());
            long batches = snapshot.batchesCounted() - before;
            if (snapshot.connectedStreams() == 0 && batches == 0) {
                continue;
            }
            log.info(line(job.id(), snapshot, job.report(), batches / seconds));
        }
    }

    static String line(String jobId, JobSnapshot snapshot, Report report, double batchesPerSecond) {
        StringBuilder line = new StringBuilder("job ").append(LogText.quote(jobId)).append(": ")
                .append(String.format(Locale.ROOT, "%,d %slabels", report.samplesSeen(),
                        report.reportedMode().map(mode -> mode.jsonName() + " ").orElse("")));
        if (!report.classes().isEmpty()) {
            line.append(String.format(Locale.ROOT, ", ratio %.2f", report.ratio()));
            ClassStats worst = null;
            for (ClassStats stats : report.classes()) {
                if (worst == null || stats.mispredictionFraction() > worst.mispredictionFraction()) {
                    worst = stats;
                }
            }
            line.append(String.format(Locale.ROOT, ", worst misprediction class %d at %.0f%%",
                    worst.classId(), worst.mispredictionFraction() * 100));
        }
        line.append(String.format(Locale.ROOT, ", %.1f batches/s, %d %s connected", batchesPerSecond,
                snapshot.connectedStreams(), snapshot.connectedStreams() == 1 ? "worker" : "workers"));
        if (snapshot.triggered()) {
            line.append(", TRIGGERED");
        }
        return line.toString();
    }
}
