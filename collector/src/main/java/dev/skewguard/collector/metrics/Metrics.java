package dev.skewguard.collector.metrics;

import dev.skewguard.collector.decision.Decision;
import dev.skewguard.collector.jobs.JobRegistry;
import dev.skewguard.collector.jobs.JobSnapshot;
import dev.skewguard.collector.metrics.TopClasses;
import dev.skewguard.collector.rule.ClassStats;
import dev.skewguard.collector.rule.Finding;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.ToDoubleFunction;

/**
 * The Prometheus metrics per job, read from the jobs when scraped (nothing is added to the path of a batch). Every
 * series has the label {@value #JOB} (the job id; not {@code job}, which Prometheus sets to the scrape target's);
 * per-mode series add {@code mode}, per-class series {@code class} (a class id or {@value #OTHER}).
 */
public final class Metrics {
    static final String JOB = "training_job";
    static final String MODE = "mode";
    static final String CLASS = "class";
    /** The class label of the bucket that sums the classes without their own series. */
    static final String OTHER = "other";

    private Metrics() {
    }

    public static PrometheusRegistry registry(JobRegistry jobs, int topClasses) {
        JobViews views = new JobViews(jobs, topClasses);
        PrometheusRegistry registry = new PrometheusRegistry();
        counter(registry, views, "skewguard_batches_counted", "Batches counted by the job's rule (each once).",
                JobSnapshot::batchesCounted);
        counter(registry, views, "skewguard_duplicate_batches", "Batches received again after a reconnect.",
                JobSnapshot::duplicateBatches);
        counter(registry, views, "skewguard_dropped_batches", "Batches the job's agents captured but dropped.",
                JobSnapshot::droppedBatches);
        counter(registry, views, "skewguard_rejected_streams", "Streams ended with an error status (bad input).",
                JobSnapshot::rejectedStreams);
        gauge(registry, views, "skewguard_connected_workers", "Agent streams of the job that are open.",
                JobSnapshot::connectedStreams);
        gauge(registry, views, "skewguard_triggered", "1 once the job's ClassImbalance rule fired.",
                snapshot -> snapshot.triggered() ? 1 : 0);
        gauge(registry, views, "skewguard_decided",
                "1 once a check held over its patience: the stop decision (with --action stop, Stop goes out).",
                snapshot -> snapshot.decided() ? 1 : 0);
        perMode(registry, views);
        perClass(registry, views);
        trigger(registry, views);
        decision(registry, views);
        parameters(registry, views);
        return registry;
    }

    private static void perMode(PrometheusRegistry registry, JobViews views) {
        GaugeWithCallback.builder().name("skewguard_labels_counted").help("Labels counted in the mode.")
                .labelNames(JOB, MODE)
                .callback(callback -> views.visible().forEach(job -> job.modes().forEach(mode ->
                        callback.call(mode.labels(), job.id(), mode.mode().jsonName()))))
                .register(registry);
        GaugeWithCallback.builder().name("skewguard_imbalance_ratio")
                .help("Largest / smallest class count in the mode now (+Inf when a class was never seen).")
                .labelNames(JOB, MODE)
                .callback(callback -> views.visible().forEach(job -> job.modes().forEach(mode -> {
                    if (!Double.isNaN(mode.ratio())) {
                        callback.call(mode.ratio(), job.id(), mode.mode().jsonName());
                    }
                })))
                .register(registry);
        GaugeWithCallback.builder().name("skewguard_classes").help("Classes taking part in the mode.")
                .labelNames(JOB, MODE)
                .callback(callback -> views.visible().forEach(job -> job.modes().forEach(mode ->
                        callback.call(mode.classes(), job.id(), mode.mode().jsonName()))))
                .register(registry);
    }

    private static void perClass(PrometheusRegistry registry, JobViews views) {
        GaugeWithCallback.builder().name("skewguard_class_labels_counted")
                .help("Labels of the class counted in the mode (top classes per job and mode; class=\"other\" "
                        + "sums the rest).")
                .labelNames(JOB, MODE, CLASS)
                .callback(callback -> views.visible().forEach(job -> job.modes().forEach(mode -> {
                    String m = mode.mode().jsonName();
                    for (ClassStats c : mode.selection().shown()) {
                        callback.call(c.count(), job.id(), m, Long.toString(c.classId()));
                    }
                    mode.selection().other().ifPresent(o -> callback.call(o.count(), job.id(), m, OTHER));
                })))
                .register(registry);
        GaugeWithCallback.builder().name("skewguard_class_misprediction_fraction")
                .help("The fraction of the class's labels mispredicted, as the misprediction check compares it "
                        + "(class=\"other\": the rest together, cumulative).")
                .labelNames(JOB, MODE, CLASS)
                .callback(callback -> views.visible().forEach(job -> job.modes().forEach(mode -> {
                    String m = mode.mode().jsonName();
                    for (ClassStats c : mode.selection().shown()) {
                        callback.call(c.mispredictionFraction(), job.id(), m, Long.toString(c.classId()));
                    }
                    mode.selection().other().map(TopClasses.Other::mispredictionFraction)
                            .ifPresent(f -> callback.call(f, job.id(), m, OTHER));
                })))
                .register(registry);
    }

    private static void trigger(PrometheusRegistry registry, JobViews views) {
        GaugeWithCallback.builder().name("skewguard_trigger_imbalance_ratio")
                .help("The imbalance ratio at the rule's first trigger, in the trigger's mode.")
                .labelNames(JOB, MODE)
                .callback(callback -> views.visible().forEach(job -> job.trigger().ifPresent(finding ->
                        callback.call(finding.ratio(), job.id(), finding.mode().jsonName()))))
                .register(registry);
        GaugeWithCallback.builder().name("skewguard_trigger_step")
                .help("The step after which the rule first fired, in the trigger's mode.")
                .labelNames(JOB, MODE)
                .callback(callback -> views.visible().forEach(job -> job.trigger().ifPresent(finding ->
                        callback.call(finding.step(), job.id(), finding.mode().jsonName()))))
                .register(registry);
    }

    private static void decision(PrometheusRegistry registry, JobViews views) {
        GaugeWithCallback.builder().name("skewguard_decision_imbalance_ratio")
                .help("The imbalance ratio when the stop decision was taken, in its mode.")
                .labelNames(JOB, MODE)
                .callback(callback -> views.visible().forEach(job -> job.decision().map(Decision::finding)
                        .ifPresent(f -> callback.call(f.ratio(), job.id(), f.mode().jsonName()))))
                .register(registry);
        GaugeWithCallback.builder().name("skewguard_decision_step")
                .help("The step at which the stop decision was taken, in its mode.")
                .labelNames(JOB, MODE)
                .callback(callback -> views.visible().forEach(job -> job.decision().map(Decision::finding)
                        .ifPresent((Finding f) -> callback.call(f.step(), job.id(), f.mode().jsonName()))))
                .register(registry);
    }

    /** Each job's numeric parameters (argmax 1 or 0; the regexes are in the report), labelled with their source. */
    private static void parameters(PrometheusRegistry registry, JobViews views) {
        GaugeWithCallback.builder().name("skewguard_job_parameter")
                .help("The value of each numeric parameter the job is judged by; source: default, collector, "
                        + "rules_file or job.")
                .labelNames(JOB, "parameter", "source")
                .callback(callback -> views.visible().forEach(job -> job.parameters().values().forEach((name, v) -> {
                    double value = v instanceof Number n ? n.doubleValue()
                            : v instanceof Boolean b ? (b ? 1 : 0) : Double.NaN;
                    if (!Double.isNaN(value)) {
                        callback.call(value, job.id(), name, job.parameters().source(name).jsonName());
                    }
                })))
                .register(registry);
    }

    private static void counter(PrometheusRegistry registry, JobViews views, String name, String help,
                                ToDoubleFunction<JobSnapshot> value) {
        CounterWithCallback.builder().name(name).help(help).labelNames(JOB)
                .callback(callback -> views.visible().forEach(job ->
                        callback.call(value.applyAsDouble(job.snapshot()), job.id())))
                .register(registry);
    }

    private static void gauge(PrometheusRegistry registry, JobViews views, String name, String help,
                              ToDoubleFunction<JobSnapshot> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(JOB)
                .callback(callback -> views.visible().forEach(job ->
                        callback.call(value.applyAsDouble(job.snapshot()), job.id())))
                .register(registry);
    }
}
