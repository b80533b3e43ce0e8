package dev.skewguard.it.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import dev.skewguard.it.support.Reports;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plain loop captured by a {@code methods} spec without {@code predictions=}: labels only. The collector counts
 * every label the program trained and evaluated (for the imbalance check), and an imbalanced run is stopped by it.
 */
class LabelsOnlyIT {
    private static final Duration RUN = Duration.ofSeconds(120);
    /** Training and evaluation batches, labels only. */
    private static final String LABELS_ONLY = "dev.skewguard.examples.plain.SoftmaxRegression#trainBatch:labels=arg1;"
            + "dev.skewguard.examples.plain.SoftmaxRegression#evaluateBatch:labels=arg0,mode=eval";

    private static String agent(InProcessCollector collector, String job, String more) {
        return "endpoint=" + collector.endpoint() + ",job=" + job + ",flush_timeout=30" + more + ",methods="
                + LABELS_ONLY;
    }

    @Test
    void everyLabelTrainedAndEvaluatedIsCounted() throws Exception {
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            String job = "labels-only-counts";
            ChildResult r = ChildJvm.on(Jdk.current()).agent(agent(collector, job, ""))
                    .jar(ItPaths.plainJar()).args("--classes", "3", "--epochs", "3").run(RUN);
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.agentWarnings().isEmpty(), r.describe());

            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, Duration.ofSeconds(10),
                    r.describe());
            assertEquals(PlainExample.labels(r, "train"), Reports.classCounts(report, "train"), report.toString());
            assertEquals(PlainExample.labels(r, "eval"), Reports.classCounts(report, "eval"), report.toString());
            assertEquals(0, report.path("data_errors").asLong(), report.toPrettyString());
            assertEquals(PlainExample.batches(r, "train"), report.path("modes").path("train").path("records").asLong());
            Iterator<Map.Entry<String, JsonNode>> classes = report.path("modes").path("train").path("classes").fields();
            while (classes.hasNext()) {
                JsonNode c = classes.next().getValue();
                assertEquals(0, c.path("with_predictions").asLong(), report.toPrettyString());
                assertEquals(0, c.path("mispredicted").asLong(), report.toPrettyString());
            }
            assertFalse(report.path("triggered").asBoolean(), "ratio 2 (minority 0.2): " + report.path("summary"));
        }
    }

    @Test
    void anImbalancedRunIsStoppedByTheImbalanceCheck() throws Exception {
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            String job = "labels-only-stop";
            ChildResult r = ChildJvm.on(Jdk.current()).agent(agent(collector, job, ",on_stop=throw,stop_grace=30"))
                    .jar(ItPaths.plainJar())
                    .args("--classes", "2", "--minority-fraction", "0.01", "--batch-delay-ms", "2", "--epochs", "200")
                    .run(RUN);
            assertEquals(1, r.exitCode(), "ended by the stop exception: " + r.describe());
            assertTrue(r.stderr().contains("SkewguardStopException: skewguard stopped this job: checks=imbalance"),
                    r.describe());
            assertFalse(r.stdout().contains("result: "), r.describe());

            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, Duration.ofSeconds(30),
                    r.describe());
            assertTrue(report.path("triggered").asBoolean() && report.path("stopped").asBoolean(),
                    report.toPrettyString());
            JsonNode decision = report.path("stop_decision");
            assertTrue(decision.path("decided").asBoolean(), report.toPrettyString());
            assertEquals("imbalance", decision.path("checks").get(0).asText());
            assertTrue(decision.path("held_labels").asLong() >= 1000, decision.toPrettyString());
            // What the program trained, per class, is what the collector counted.
            assertEquals(PlainExample.labels(r, "train"), Reports.classCounts(report, "train"), report.toString());
        }
    }
}
