package dev.skewguard.collector.dashboard;

import dev.skewguard.collector.history.ModeHistory;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the dashboard reads from the collector: its jobs, each one's report and history. */
public interface DashboardJobs {
    /** The ids of the jobs held now. */
    List<String> ids();

    /** A job's report and history, if it is held. */
    Optional<JobView> find(String jobId);

    /**
     * One job as the dashboard shows it.
     *
     * @param reportJson the job's report (the document GetReport returns)
     * @param history the rule's history per mode name ("train", ...)
     */
    record JobView(String reportJson, Map<String, ModeHistory.Snapshot> history) {
    }
}
