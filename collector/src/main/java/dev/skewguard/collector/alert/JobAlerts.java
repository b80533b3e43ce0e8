package dev.skewguard.collector.alert;

import dev.skewguard.collector.advice.Advice;
import dev.skewguard.collector.decision.Decision;
import dev.skewguard.collector.rule.Finding;
import dev.skewguard.collector.rule.Report;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The alerts of the collector's jobs: on a job's first trigger, its stop decision and the Stop sent, the body is made
 * and queued for the job's webhook ({@link AlertRoutes#forJob}), if it has one. Called on the thread that counted
 * the batch, after the job's lock is released; never blocks and never throws (a route that fails is one line).
 */
public final class JobAlerts {
    /** No alerts. */
    public static final JobAlerts NONE = new JobAlerts(AlertRoutes.NONE, null, "log", line -> { });

    private final AlertRoutes routes;
    private final WebhookSender sender;
    private final String action;
    private final Consumer<String> warn;

    /**
     * @param action the collector's --action as reports write it ({@code log}, {@code stop})
     * @param warn where a failing route is said
     */
    public JobAlerts(AlertRoutes routes, WebhookSender sender, String action, Consumer<String> warn) {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.sender = sender;
        this.action = Objects.requireNonNull(action, "action");
        this.warn = Objects.requireNonNull(warn, "warn");
    }

    /** The rule's first trigger; {@code report}: the job's report now (for the advice). */
    public void triggered(String jobId, Finding finding, Report report) {
        route(jobId).ifPresent(target -> sender.offer(target, AlertEvent.TRIGGERED, jobId,
                AlertJson.triggered(jobId, action, finding, Advice.of(report).orElse(null))));
    }

    /** The stop decision. */
    public void decided(String jobId, Decision decision, Report report) {
        route(jobId).ifPresent(target -> sender.offer(target, AlertEvent.STOP_DECISION, jobId,
                AlertJson.decided(jobId, action, decision, null, Advice.of(report).orElse(null))));
    }

    /** Stop sent to {@code agents} connected agents of the job. */
    public void stopSent(String jobId, Decision decision, int agents, Report report) {
        route(jobId).ifPresent(target -> sender.offer(target, AlertEvent.STOP_SENT, jobId,
                AlertJson.decided(jobId, action, decision, agents, Advice.of(report).orElse(null))));
    }

    private Optional<WebhookTarget> route(String jobId) {
        if (sender == null) {
            return Optional.empty();
        }
        try {
            return routes.forJob(jobId);
        } catch (RuntimeException e) {
            warn.accept("webhook: no alert for job " + dev.skewguard.collector.logging.LogText.quote(jobId)
                    + ": its route failed: " + e);
            return Optional.empty();
        }
    }
}
