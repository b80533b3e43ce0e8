package dev.skewguard.collector.alert;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a job's alerts go: the one place the collector asks. {@code serve --webhook-url} routes every job to one
 * target ({@link #everyJob}); a rules file mapping job-id patterns to targets implements this interface (first
 * matching pattern wins, none: no alert) and is handed to the server instead. Asked once per alert, on the thread
 * that counted the batch: an implementation answers from memory and never blocks; a reloaded file is seen by the
 * next alert.
 */
@FunctionalInterface
public interface AlertRoutes {
    /** No job has alerts. */
    AlertRoutes NONE = jobId -> Optional.empty();

    /** Where the alerts of {@code jobId} go, if anywhere. */
    Optional<WebhookTarget> forJob(String jobId);

    /** Every job's alerts to {@code target}. */
    static AlertRoutes everyJob(WebhookTarget target) {
        Objects.requireNonNull(target, "target");
        Optional<WebhookTarget> answer = Optional.of(target);
        return jobId -> answer;
    }
}
