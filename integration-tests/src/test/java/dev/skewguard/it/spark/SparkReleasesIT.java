package dev.skewguard.it.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.Reports;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The newest end of XGBoost4J-Spark's supported range, 3.4.0 on Spark 3.5.3 (examples/releases/spark-xgboost-3.4.0,
 * the same program as examples/spark-xgboost, whose 3.0.4 {@link SparkLocalIT} and {@link SparkStandaloneIT} run):
 * in local mode with the agent, both instrumentations find their release supported and every round is counted.
 */
class SparkReleasesIT {
    private static final int ROUNDS = 5;

    @Test
    void xgboost4jSpark340IsSupportedAndEveryRoundIsCounted() throws Exception {
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            SparkExampleRun run = SparkExampleRun.runExample("releases/spark-xgboost-3.4.0",
                    "endpoint=" + collector.endpoint() + ",flush_timeout=10,debug=true", Map.of(),
                    "--rounds", "" + ROUNDS);

            assertEquals(0, run.result.exitCode(), run.result.describe());
            assertEquals(List.of(), run.result.agentWarnings(), run.result.describe());
            for (String supported : List.of(
                    "[skewguard] DEBUG XGBoost4J-Spark 3.4.0 (ml.dmlc:xgboost4j-spark_2.12) is supported",
                    "[skewguard] DEBUG XGBoost4J 3.4.0 (ml.dmlc:xgboost4j_2.12) is supported")) {
                assertEquals(1, run.result.stderrLines().stream().filter(l -> l.startsWith(supported)).count(),
                        supported + "\n" + run.result.describe());
            }
            String job = run.applicationId();
            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, Duration.ofSeconds(30),
                    run.result.describe());
            assertFalse(report.path("triggered").asBoolean(), report.toPrettyString());
            assertEquals(run.result.ranLabelCounts("train"), Reports.classCounts(report, "train"),
                    "train labels counted vs the training set x rounds\n" + report);
            // two tasks, one batch per round each
            assertEquals(2L * ROUNDS, report.path("modes").path("train").path("records").asLong(), report.toString());
            assertTrue(job.startsWith("local-"), job);
        }
    }
}
