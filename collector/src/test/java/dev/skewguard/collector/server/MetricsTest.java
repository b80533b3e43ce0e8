package dev.skewguard.collector.server;

import static dev.skewguard.collector.server.TestAgent.concat;
import static dev.skewguard.collector.server.TestAgent.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.options.ServerOptions;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The metrics port scraped over HTTP: names, labels, per-class series and their bound, current and trigger ratio. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsTest {
    private static final String TRAIN = "train";
    private CollectorServer collector;

    @AfterEach
    void close() {
        if (collector != null) {
            collector.close();
        }
    }

    private void start(int topClasses) throws Exception {
        collector = CollectorServer.start(ServerOptions.builder().port(0).quiet(true).metricsPort(0)
                .metricsTopClasses(topClasses).patience(Patience.NONE).log(line -> { }).build());
    }

    private Exposition scrape() throws Exception {
        return Exposition.scrape(collector.metricsPort().orElseThrow());
    }

    /**
     * Batch 1: class 0 900 labels, 1 10, 2 40, 3 30 (all predicted as class 0), 4 20: the rule fires at ratio 90 and
     * the decision (no patience) comes with it.
     */
    static final int[] LABELS_1 = concat(concat(concat(repeat(0, 900), repeat(1, 10)),
            concat(repeat(2, 40), repeat(3, 30))), repeat(4, 20));
    static final int[] PREDICTIONS_1 = concat(concat(concat(repeat(0, 900), repeat(1, 10)),
            concat(repeat(2, 40), repeat(0, 30))), repeat(4, 20));

    /** Feeds job {@code job}: batch 1, then 80 more of class 1 (the smallest is class 4 then: ratio 900 / 20). */
    static void feedSkewedThenLessSkewed(int port, String job) throws Exception {
        try (TestAgent agent = TestAgent.connect(port)) {
            agent.hello(job, "w0", "i0");
            agent.batch(1, LABELS_1, PREDICTIONS_1);
            agent.awaitAck(1);
            agent.batch(2, repeat(1, 80), repeat(1, 80));
            agent.awaitAck(2);
        }
    }

    @Test
    void everySeriesIsLabelledTrainingJobNeverJob() throws Exception {
        start(20);
        feedSkewedThenLessSkewed(collector.port(), "job-1");
        Exposition metrics = scrape();
        assertFalse(metrics.find("skewguard_batches_counted_total").isEmpty(), metrics.text());
        for (Exposition.Sample sample : metrics.samples()) {
            if (sample.name().startsWith("skewguard_")) {
                assertEquals("job-1", sample.labels().get("training_job"), sample.toString());
                assertFalse(sample.labels().containsKey("job"), sample.toString());
            }
        }
        assertEquals(2, metrics.value("skewguard_batches_counted_total", "training_job", "job-1"));
        assertEquals(0, metrics.value("skewguard_duplicate_batches_total", "training_job", "job-1"));
        assertEquals(0, metrics.value("skewguard_dropped_batches_total", "training_job", "job-1"));
        assertEquals(0, metrics.value("skewguard_rejected_streams_total", "training_job", "job-1"));
        assertEquals(1080, metrics.value("skewguard_labels_counted", "training_job", "job-1", "mode", TRAIN));
        assertEquals(5, metrics.value("skewguard_classes", "training_job", "job-1", "mode", TRAIN));
        assertEquals(90, metrics.value("skewguard_class_labels_counted", "training_job", "job-1", "mode", TRAIN,
                "class", "1"));
        assertEquals(1.0, metrics.value("skewguard_class_misprediction_fraction", "training_job", "job-1",
                "mode", TRAIN, "class", "3"));
        assertEquals(0.0, metrics.value("skewguard_class_misprediction_fraction", "training_job", "job-1",
                "mode", TRAIN, "class", "0"));
        assertEquals(10, metrics.value("skewguard_job_parameter", "training_job", "job-1",
                "parameter", "threshold_imbalance", "source", "default"));
        assertEquals(0, metrics.value("skewguard_job_parameter", "training_job", "job-1",
                "parameter", "patience_imbalance", "source", "collector"), "serve's own --patience-imbalance 0");
        assertEquals(0, metrics.value("skewguard_job_parameter", "training_job", "job-1",
                "parameter", "argmax", "source", "default"));
        assertTrue(metrics.find("skewguard_job_parameter", "parameter", "labels_regex").isEmpty(), metrics.text());
    }

    @Test
    void theRatioStaysCurrentAndTheTriggerAndTheDecisionHaveTheirOwnSeries() throws Exception {
        start(20);
        feedSkewedThenLessSkewed(collector.port(), "job-1");
        Exposition metrics = scrape();
        assertEquals(45.0, metrics.value("skewguard_imbalance_ratio", "training_job", "job-1", "mode", TRAIN),
                "now: class 0 900 / class 4 20");
        assertEquals(90.0, metrics.value("skewguard_trigger_imbalance_ratio", "training_job", "job-1", "mode",
                TRAIN), "at the trigger: class 0 900 / class 1 10");
        assertEquals(1, metrics.value("skewguard_trigger_step", "training_job", "job-1", "mode", TRAIN));
        assertEquals(1, metrics.value("skewguard_triggered", "training_job", "job-1"));
        assertEquals(1, metrics.value("skewguard_decided", "training_job", "job-1"));
        assertEquals(1, metrics.value("skewguard_decision_step", "training_job", "job-1", "mode", TRAIN));
        assertEquals(90.0, metrics.value("skewguard_decision_imbalance_ratio", "training_job", "job-1", "mode",
                TRAIN));
    }

    @Test
    void aJobThatHasNotFiredHasNoTriggerOrDecisionSeries() throws Exception {
        start(20);
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("calm", "w0", "i0");
            agent.batch(1, repeat(0, 10), repeat(0, 10));
            agent.awaitAck(1);
            Exposition metrics = scrape();
            assertEquals(1, metrics.value("skewguard_connected_workers", "training_job", "calm"));
            assertEquals(0, metrics.value("skewguard_triggered", "training_job", "calm"));
            assertEquals(0, metrics.value("skewguard_decided", "training_job", "calm"));
            assertTrue(metrics.find("skewguard_trigger_imbalance_ratio").isEmpty(), metrics.text());
            assertTrue(metrics.find("skewguard_decision_step").isEmpty(), metrics.text());
            assertEquals(1.0, metrics.value("skewguard_imbalance_ratio", "training_job", "calm", "mode", TRAIN));
        }
    }

    @Test
    void perClassSeriesAreBoundedToTopKAndOtherSumsTheRest() throws Exception {
        start(3);
        feedSkewedThenLessSkewed(collector.port(), "job-1");
        Exposition metrics = scrape();
        Set<String> classes = metrics.find("skewguard_class_labels_counted", "training_job", "job-1").stream()
                .map(s -> s.labels().get("class")).collect(Collectors.toCollection(TreeSet::new));
        // The largest (0), the smallest (4), the worst mispredicted (3); classes 1 and 2 in "other".
        assertEquals(Set.of("0", "3", "4", "other"), classes);
        assertEquals(90 + 40, metrics.value("skewguard_class_labels_counted", "training_job", "job-1",
                "mode", TRAIN, "class", "other"));
        assertEquals(0.0, metrics.value("skewguard_class_misprediction_fraction", "training_job", "job-1",
                "mode", TRAIN, "class", "other"));

        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("wide", "w0", "i0");
            int[] wide = IntStream.range(0, 3 * 256).map(i -> i % 256).toArray(); // the test agent's tensors: 8 bits
            agent.batch(1, wide, wide);
            agent.awaitAck(1);
        }
        Exposition wide = scrape();
        assertEquals(4, wide.find("skewguard_class_labels_counted", "training_job", "wide").size(),
                "256 classes make K + 1 series");
        assertEquals(4, wide.find("skewguard_class_misprediction_fraction", "training_job", "wide").size());
        assertEquals(256, wide.value("skewguard_classes", "training_job", "wide", "mode", TRAIN));
        assertEquals(253 * 3, wide.value("skewguard_class_labels_counted", "training_job", "wide", "mode", TRAIN,
                "class", "other"));
    }
}
