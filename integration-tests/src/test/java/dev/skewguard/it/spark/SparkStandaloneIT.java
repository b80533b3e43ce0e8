package dev.skewguard.it.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Reports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/spark-xgboost on a Spark standalone cluster on loopback: a Master and two Workers, each executor its own
 * JVM, the agent attached to the driver and to every executor by configuration only
 * ({@code spark.executor.extraJavaOptions}). One job per application (its id), one worker id per executor.
 */
class SparkStandaloneIT {
    private static final int ROUNDS = 5;
    private static final Duration REPORT_WAIT = Duration.ofSeconds(60);
    private static SparkCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = SparkCluster.start(2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The Spark configuration of a run: the cluster, executors of one core, the agent on each executor. */
    private static Map<String, String> conf(String agentArgs) throws Exception {
        StringBuilder executorOptions = new StringBuilder(String.join(" ", SparkExampleRun.jvmOptions()));
        if (agentArgs != null) {
            executorOptions.append(" -javaagent:").append(ItPaths.agentJar()).append('=').append(agentArgs);
        }
        return Map.of("spark.executor.extraJavaOptions", executorOptions.toString(),
                "spark.executor.cores", "1",
                "spark.executor.memory", "512m");
    }

    private static String agentArgs(InProcessCollector collector) {
        return "endpoint=" + collector.endpoint() + ",flush_timeout=10";
    }

    private static String describe(SparkExampleRun run) throws Exception {
        return run.result.describe() + "\n--- executors\n" + cluster.executorStderr();
    }

    @Test
    void balancedRunCompletesWithOneJobForEveryExecutorAndTheResultOfARunWithoutTheAgent() throws Exception {
        SparkExampleRun without = SparkExampleRun.run(null, conf(null),
                "--master", cluster.masterUrl(), "--rounds", "" + ROUNDS);
        assertEquals(0, without.result.exitCode(), describe(without));
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            SparkExampleRun run = SparkExampleRun.run(agentArgs(collector), conf(agentArgs(collector)),
                    "--master", cluster.masterUrl(), "--rounds", "" + ROUNDS);

            assertEquals(0, run.result.exitCode(), describe(run));
            assertEquals(without.resultLine(), run.resultLine(), "model and predictions with and without the agent");
            String job = run.applicationId();
            assertTrue(job.startsWith("app-"), job);

            JsonNode report = collector.awaitReport(job, r -> Reports.allSaidGoodbye(r)
                    && r.path("workers").size() == 3, REPORT_WAIT, describe(run));
            assertFalse(report.path("triggered").asBoolean(), report.toPrettyString());
            assertEquals(run.result.ranLabelCounts("train"), Reports.classCounts(report, "train"),
                    "train labels counted vs the training set x rounds\n" + report);
            assertEquals(List.of("driver", "executor-0", "executor-1"), SparkLocalIT.workerIds(report),
                    report.toString());
            report.path("workers").forEach(w -> assertEquals(w.path("worker_id").asText().equals("driver")
                    ? 0 : ROUNDS, w.path("batches_counted").asLong(), "one batch per round on each executor\n"
                    + report));
            // each executor ran one task of the training stage: both tasks named, with every round
            List<String> partitions = new ArrayList<>();
            report.path("workers").forEach(w -> SparkLocalIT.tasks(w).forEach((task, batches) -> {
                assertTrue(task.matches("stage \\d+ partition [01]"), task);
                assertEquals((long) ROUNDS, batches.longValue(), task + "\n" + report);
                partitions.add(task.substring(task.lastIndexOf(' ') + 1));
            }));
            partitions.sort(null);
            assertEquals(List.of("0", "1"), partitions, report.toString());
        }
    }

    @Test
    void imbalancedRunIsStoppedOnceWithTheFindingInTheDriversError() throws Exception {
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            SparkExampleRun run = SparkExampleRun.run(agentArgs(collector), conf(agentArgs(collector)),
                    "--master", cluster.masterUrl(), "--rounds", "300", "--minority-fraction", "0.02");

            assertNotEquals(0, run.result.exitCode(), describe(run));
            assertFalse(run.result.printedResult(), describe(run));
            String context = describe(run);
            String error = run.result.stderrLines().stream().filter(l -> l.startsWith("spark-xgboost-example: "))
                    .findFirst().orElseThrow(() -> new AssertionError("no error line:\n" + context));
            assertTrue(error.matches(".*SparkException: Job \\d+ cancelled because skewguard stopped this job: "
                    + "checks=imbalance.*"), error);
            assertTrue(SparkLocalIT.noStageRetried(run.result.stderrLines()), "a stage was retried:\n" + context);

            JsonNode report = collector.awaitReport(run.applicationId(), r -> r.path("triggered").asBoolean()
                    && r.path("workers").size() == 3, REPORT_WAIT, describe(run));
            long records = report.path("modes").path("train").path("records").asLong();
            assertTrue(records > 0 && records < 2 * 300, "rounds counted: " + records);
            assertEquals(List.of("driver", "executor-0", "executor-1"), SparkLocalIT.workerIds(report),
                    report.toString());
        }
    }
}
