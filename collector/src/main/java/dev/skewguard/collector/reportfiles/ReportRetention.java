package dev.skewguard.collector.reportfiles;

import dev.skewguard.collector.jobs.JobPersistence;
import dev.skewguard.collector.options.ServerOptions;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * --report-retention: where a job that left memory is read from ({@link EvictedJobReports}) and, with a state dir,
 * the pruning that forgets it from the store once the retention has passed, at start and then every tenth of the
 * retention (at most a minute apart), so that the store stays bounded by what the retention lets in.
 */
public final class ReportRetention {
    private final EvictedJobReports reports;
    /** With --state-dir; null without. */
    private final StoredEvictedReports stored;
    private final Duration retention;

    private ReportRetention(EvictedJobReports reports, StoredEvictedReports stored, Duration retention) {
        this.reports = reports;
        this.stored = stored;
        this.retention = retention;
    }

    /** From the store with a state dir (pruned once now), else from the report files, else nowhere. */
    public static ReportRetention of(ServerOptions options, JobPersistence persistence) {
        Duration retention = options.reportRetention();
        if (persistence != null) {
            StoredEvictedReports stored = new StoredEvictedReports(persistence, retention);
            int forgotten = stored.prune();
            long kept = persistence.evictedJobs();
            if (forgotten > 0 || kept > 0) {
                options.log().info("the state dir keeps the reports of " + kept + " jobs that left memory (forgot "
                        + forgotten + " that left more than " + describe(retention) + " ago, --report-retention)");
            }
            return new ReportRetention(stored, stored, retention);
        }
        if (options.reportDir().isPresent()) {
            return new ReportRetention(new ReportFileEvictedReports(options.reportDir().get(), retention,
                    options.limits().maxPendingReportBytes()), null, retention);
        }
        return new ReportRetention(EvictedJobReports.NONE, null, retention);
    }

    public EvictedJobReports reports() {
        return reports;
    }

    /** With a state dir: prunes on {@code ticks}, each run wrapped by {@code guarded}. */
    public void schedule(ScheduledExecutorService ticks, UnaryOperator<Runnable> guarded) {
        if (stored == null) {
            return;
        }
        long every = Math.min(60_000, Math.max(100, retention.toMillis() / 10));
        ticks.scheduleWithFixedDelay(guarded.apply(stored::prune), every, every, TimeUnit.MILLISECONDS);
    }

    /** "7 d", "36 h", "90 min", "45 s": the largest unit the duration is a whole number of. */
    static String describe(Duration d) {
        long s = d.toSeconds();
        if (s > 0 && s % 86_400 == 0) {
            return s / 86_400 + " d";
        }
        if (s > 0 && s % 3600 == 0) {
            return s / 3600 + " h";
        }
        if (s > 0 && s % 60 == 0) {
            return s / 60 + " min";
        }
        return s > 0 ? s + " s" : d.toMillis() + " ms";
    }
}
