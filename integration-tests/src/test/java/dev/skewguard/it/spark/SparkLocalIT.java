package dev.skewguard.it.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.Reports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * examples/spark-xgboost in Spark's local mode (local[2]: two XGBoost workers, one Spark task each, in the driver's
 * JVM) with the agent attached by configuration only, against the real collector on loopback.
 */
class SparkLocalIT {
    private static final int ROUNDS = 5;
    private static final Duration REPORT_WAIT = Duration.ofSeconds(30);

    private static String agentArgs(InProcessCollector collector, String more) {
        return "endpoint=" + collector.endpoint() + ",flush_timeout=10" + (more.isEmpty() ? "" : "," + more);
    }

    @Test
    void balancedRunCompletesUnderTheApplicationIdWithEveryRoundCountedAndTheResultOfARunWithoutTheAgent()
            throws Exception {
        SparkExampleRun without = SparkExampleRun.run(null, Map.of(), "--rounds", "" + ROUNDS);
        assertEquals(0, without.result.exitCode(), without.result.describe());
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            SparkExampleRun run = SparkExampleRun.run(agentArgs(collector, ""), Map.of(), "--rounds", "" + ROUNDS);

            assertEquals(0, run.result.exitCode(), run.result.describe());
            assertEquals(without.resultLine(), run.resultLine(), "model and predictions with and without the agent");
            assertTrue(run.result.agentWarnings().isEmpty(), run.result.describe());
            String job = run.applicationId();
            assertTrue(job.startsWith("local-"), job);

            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, REPORT_WAIT, run.result.describe());
            assertFalse(report.path("triggered").asBoolean(), report.toPrettyString());
            assertEquals(run.result.ranLabelCounts("train"), Reports.classCounts(report, "train"),
                    "train labels counted vs the training set x rounds\n" + report);
            // two tasks, one batch per round each
            assertEquals(2L * ROUNDS, report.path("modes").path("train").path("records").asLong(), report.toString());
            assertEquals(List.of("driver"), workerIds(report), report.toString());
            // the driver's two tasks told apart: partitions 0 and 1 of one stage, each one batch per round
            Map<String, Long> tasks = tasks(report.path("workers").get(0));
            assertEquals(2, tasks.size(), report.toString());
            List<String> partitions = new ArrayList<>();
            tasks.forEach((task, batches) -> {
                assertTrue(task.matches("stage \\d+ partition [01]"), task);
                partitions.add(task.substring(task.lastIndexOf(' ') + 1));
                assertEquals((long) ROUNDS, batches.longValue(), task + "\n" + report);
            });
            partitions.sort(null);
            assertEquals(List.of("0", "1"), partitions, report.toString());
        }
    }

    /** A worker's batches per task (report field workers[].tasks). */
    static Map<String, Long> tasks(JsonNode worker) {
        Map<String, Long> tasks = new java.util.LinkedHashMap<>();
        worker.path("tasks").forEach(t -> tasks.put(t.path("task").asText(), t.path("batches_counted").asLong()));
        return tasks;
    }

    @Test
    void imbalancedRunIsStoppedOnceWithTheFindingInTheDriversErrorUnderTheJobTheUserNamed() throws Exception {
        String job = "spark-local-stop";
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            SparkExampleRun run = SparkExampleRun.run(agentArgs(collector, "job=" + job), Map.of(),
                    "--rounds", "300", "--minority-fraction", "0.02");

            String stderr = run.result.stderr();
            assertNotEquals(0, run.result.exitCode(), run.result.describe());
            assertFalse(run.result.printedResult(), run.result.describe());
            String error = run.result.stderrLines().stream().filter(l -> l.startsWith("spark-xgboost-example: "))
                    .findFirst().orElseThrow(() -> new AssertionError("no error line:\n" + run.result.describe()));
            assertTrue(error.matches(".*SparkException: Job \\d+ cancelled because skewguard stopped this job: "
                    + "checks=imbalance.*"), error);
            assertTrue(noStageRetried(run.result.stderrLines()), "a stage was retried:\n" + stderr);
            assertTrue(stderr.contains("cancelled Spark job(s)"), stderr);

            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, REPORT_WAIT, run.result.describe());
            assertTrue(report.path("triggered").asBoolean(), report.toPrettyString());
            long records = report.path("modes").path("train").path("records").asLong();
            assertTrue(records > 0 && records < 2 * 300, "rounds counted: " + records);
            assertEquals(List.of("driver"), workerIds(report), report.toString());
        }
    }

    /**
     * Whether Spark's lines name only first attempts of stages ("stage 9.0"): a retried barrier stage runs as
     * "stage 9.1" (and so on), and its failed tasks are logged with that name.
     */
    static boolean noStageRetried(List<String> lines) {
        java.util.regex.Pattern retried = java.util.regex.Pattern.compile("stage \\d+\\.[1-9]");
        return lines.stream().noneMatch(l -> retried.matcher(l).find());
    }

    static List<String> workerIds(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.path("workers").forEach(w -> ids.add(w.path("worker_id").asText()));
        ids.sort(null);
        return ids;
    }
}
