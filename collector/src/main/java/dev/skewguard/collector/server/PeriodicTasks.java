package dev.skewguard.collector.server;

import dev.skewguard.collector.joblog.ConfigurationErrorLog;
import dev.skewguard.collector.joblog.ProgressLog;
import dev.skewguard.collector.jobs.JobRegistry;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.params.RulesFileReloader;
import dev.skewguard.collector.reportfiles.ReportFiles;
import dev.skewguard.collector.reportfiles.ReportRetention;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The collector's periodic tasks, on its one ticks thread: the progress line, configuration errors, report files,
 * evicting idle jobs, pruning kept reports, the rules file's reload, the done and idle checks. A task that throws is
 * one error line and runs again at its next tick.
 */
final class PeriodicTasks {
    private PeriodicTasks() {
    }

    /**
     * Schedules every periodic task {@code options} call for on {@code ticks}; returns the rules file's reloader, if
     * there is a rules file (else null).
     */
    static RulesFileReloader schedule(ServerOptions options, ScheduledExecutorService ticks, JobRegistry registry,
            ReportFiles reportFiles, ConfigurationErrorLog configurationErrors, ReportRetention retention) {
        UnaryOperator<Runnable> guard = task -> guarded(options, task);
        if (!options.quiet()) {
            ProgressLog progress = new ProgressLog(options.log());
            long every = options.progressInterval().toMillis();
            ticks.scheduleAtFixedRate(guard.apply(() -> progress.tick(registry.jobs())), every, every,
                    TimeUnit.MILLISECONDS);
        }
        ticks.scheduleWithFixedDelay(guard.apply(() -> configurationErrors.check(registry.jobs())), 1000, 1000,
                TimeUnit.MILLISECONDS);
        if (reportFiles != null) {
            long every = options.reportInterval().toMillis();
            ticks.scheduleWithFixedDelay(guard.apply(() -> reportFiles.writeChanged(registry.jobs())), every,
                    every, TimeUnit.MILLISECONDS);
        }
        if (!options.limits().evictIdleJobsAfter().isZero()) {
            long every = Math.min(10_000, Math.max(10, options.limits().evictIdleJobsAfter().toMillis() / 4));
            ticks.scheduleWithFixedDelay(guard.apply(registry::evictIdle), every, every, TimeUnit.MILLISECONDS);
        }
        retention.schedule(ticks, guard);
        RulesFileReloader rulesReloader = null;
        if (options.rules().file().isPresent()) {
            rulesReloader = new RulesFileReloader(options.rules().file().get(), registry.parameters(),
                    options.log()::info, options.log()::warn);
            ticks.scheduleWithFixedDelay(guard.apply(rulesReloader::checkForChange), 1000, 1000,
                    TimeUnit.MILLISECONDS);
        }
        if (options.exitWhenDone()) {
            ticks.scheduleWithFixedDelay(guard.apply(registry::checkDone), 200, 200, TimeUnit.MILLISECONDS);
        }
        if (!options.idleTimeout().isZero()) {
            long every = Math.min(200, Math.max(1, options.idleTimeout().toMillis() / 4));
            ticks.scheduleWithFixedDelay(guard.apply(registry::checkIdle), every, every, TimeUnit.MILLISECONDS);
        }
        return rulesReloader;
    }

    private static Runnable guarded(ServerOptions options, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                options.log().error("internal error in a periodic task: " + e);
            }
        };
    }
}
