package dev.skewguard.collector.server;

import dev.skewguard.collector.dashboard.DashboardJobs;
import dev.skewguard.collector.history.ModeHistory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The collector's jobs as the dashboard reads them. */
final class DashboardView implements DashboardJobs {
    private final JobRegistry registry;

    DashboardView(JobRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<String> ids() {
        return registry.jobs().stream().map(Job::id).sorted().toList();
    }

    @Override
    public Optional<JobView> find(String jobId) {
        return registry.find(jobId).map(job -> {
            Map<String, ModeHistory.Snapshot> history = new LinkedHashMap<>();
            job.history().forEach((mode, snapshot) -> history.put(mode.jsonName(), snapshot));
            return new JobView(job.reportJson(), history);
        });
    }
}
