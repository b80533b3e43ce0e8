package dev.skewguard.collector.alert;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.LongSupplier;

/**
 * The webhook's series on /metrics, for the whole collector (no job label), served once a webhook is configured:
 * {@code skewguard_webhook_sent_total}, {@code _failed_total}, {@code _dropped_total}, {@code _retries_total} and the
 * gauge {@code skewguard_webhook_queued}.
 */
public final class AlertMetrics {
    private AlertMetrics() {
    }

    public static void register(PrometheusRegistry registry, WebhookSender sender) {
        counter(registry, "skewguard_webhook_sent", "Alerts the webhook receiver accepted (2xx).", sender::sent);
        counter(registry, "skewguard_webhook_failed",
                "Alerts given up on: refused by the receiver, out of attempts, or queued at shutdown.",
                sender::failed);
        counter(registry, "skewguard_webhook_dropped", "Alerts dropped because the webhook queue was full.",
                sender::dropped);
        counter(registry, "skewguard_webhook_retries", "Webhook attempts made again after a failed one.",
                sender::retries);
        GaugeWithCallback.builder().name("skewguard_webhook_queued").help("Alerts waiting for the webhook now.")
                .callback(callback -> callback.call(sender.queued())).register(registry);
    }

    private static void counter(PrometheusRegistry registry, String name, String help, LongSupplier value) {
        CounterWithCallback.builder().name(name).help(help)
                .callback(callback -> callback.call(value.getAsLong())).register(registry);
    }
}
