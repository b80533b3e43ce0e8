package dev.skewguard.collector.server;

import dev.skewguard.collector.dashboard.DashboardJobs;
import dev.skewguard.collector.jobs.Job;
import dev.skewguard.collector.jobs.JobRegistry;
import dev.skewguard.collector.reportfiles.JobReports;
import java.util.List;
import java.util.Optional;

/**
 * The collector's jobs as the dashboard reads them: the list holds the jobs in memory; a job's page also answers for
 * one that left memory and is kept ({@link JobReports}).
 */
final class DashboardView implements DashboardJobs {
    private final JobRegistry registry;
    private final JobReports reports;

    DashboardView(JobRegistry registry, JobReports reports) {
        this.registry = registry;
        this.reports = reports;
    }

    @Override
    public List<String> ids() {
        return registry.jobs().stream().map(Job::id).sorted().toList();
    }

    @Override
    public Optional<JobView> find(String jobId) {
        return reports.dashboardView(jobId);
    }
}
