package dev.skewguard.collector.server;

import dev.skewguard.collector.rule.Report;
import dev.skewguard.collector.security.HttpTokenAuthenticator;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus metrics per job at {@code http://<bind>:<metrics port>/metrics}, read from the jobs when scraped
 * (nothing is added to the path of a batch).
 */
final class Metrics implements AutoCloseable {
    private final HTTPServer http;

    private Metrics(HTTPServer http) {
        this.http = http;
    }

    static Metrics start(JobRegistry all, ServerOptions options) throws IOException {
        // Only the jobs the scraping token may touch (every job without a tokens file).
        Supplier<List<Job>> visible = () -> all.jobs().stream()
                .filter(job -> HttpTokenAuthenticator.currentGrant().allows(job.id())).toList();
        PrometheusRegistry registry = new PrometheusRegistry();
        counter(registry, visible, "skewguard_batches_counted", "Batches counted by the job's rule (each once).",
                Job.Snapshot::batchesCounted);
        counter(registry, visible, "skewguard_duplicate_batches", "Batches received again after a reconnect.",
                Job.Snapshot::duplicateBatches);
        counter(registry, visible, "skewguard_dropped_batches", "Batches the job's agents captured but dropped.",
                Job.Snapshot::droppedBatches);
        counter(registry, visible, "skewguard_rejected_streams", "Streams ended with an error status (bad input).",
                Job.Snapshot::rejectedStreams);
        gauge(registry, visible, "skewguard_connected_workers", "Agent streams of the job that are open.",
                Job.Snapshot::connectedStreams);
        gauge(registry, visible, "skewguard_triggered", "1 once the job's ClassImbalance rule fired.",
                snapshot -> snapshot.triggered() ? 1 : 0);
        GaugeWithCallback.builder().name("skewguard_labels_counted")
                .help("Labels counted in the job's reported mode (the trigger's, else the busiest).")
                .labelNames("job")
                .callback(callback -> visible.get().forEach(job ->
                        callback.call(job.report().samplesSeen(), job.id())))
                .register(registry);
        GaugeWithCallback.builder().name("skewguard_imbalance_ratio")
                .help("Largest / smallest class count in the job's reported mode (at the trigger, once fired).")
                .labelNames("job")
                .callback(callback -> visible.get().forEach(job -> {
                    Report report = job.report();
                    if (!Double.isNaN(report.ratio())) {
                        callback.call(report.ratio(), job.id());
                    }
                }))
                .register(registry);
        HTTPServer.Builder http = HTTPServer.builder().hostname(options.bind()).port(options.metricsPort().orElseThrow())
                .registry(registry);
        if (options.tls().isPresent()) {
            http.httpsConfigurator(options.tls().get().httpsConfigurator());
        }
        if (options.tokens().isPresent()) {
            http.authenticator(new HttpTokenAuthenticator(options.tokens().get()));
        }
        return new Metrics(http.buildAndStart());
    }

    private static void counter(PrometheusRegistry registry, Supplier<List<Job>> jobs, String name, String help,
                                ToDoubleFunction<Job.Snapshot> value) {
        CounterWithCallback.builder().name(name).help(help).labelNames("job")
                .callback(callback -> jobs.get().forEach(job ->
                        callback.call(value.applyAsDouble(job.snapshot()), job.id())))
                .register(registry);
    }

    private static void gauge(PrometheusRegistry registry, Supplier<List<Job>> jobs, String name, String help,
                              ToDoubleFunction<Job.Snapshot> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("job")
                .callback(callback -> jobs.get().forEach(job ->
                        callback.call(value.applyAsDouble(job.snapshot()), job.id())))
                .register(registry);
    }

    int port() {
        return http.getPort();
    }

    @Override
    public void close() {
        http.close();
    }
}
