package dev.skewguard.it.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.Reports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * examples/tensorflow with the agent, against the real collector on loopback: the fed and fetched tensors of each
 * Session run are captured under the program's own names, with no code change. Few runs: each JVM start loads
 * TensorFlow's native library.
 */
class TensorflowCaptureIT {
    private static final Duration REPORT_WAIT = Duration.ofSeconds(20);
    private static final int STOP_EPOCHS = 30;

    private static String agentArgs(InProcessCollector collector, String job, String more) {
        return "endpoint=" + collector.endpoint() + ",job=" + job + ",flush_timeout=10"
                + (more.isEmpty() ? "" : "," + more);
    }

    @Test
    void imbalancedRunIsStoppedEarlyWithAFindingAndTheCollectorCountedWhatItRan() throws Exception {
        String job = "tf-stop";
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            TensorflowExampleRun run = TensorflowExampleRun.run(agentArgs(collector, job, "on_stop=throw,stop_grace=60"),
                    "--epochs", "" + STOP_EPOCHS, "--samples", "4000", "--minority-fraction", "0.02");

            assertNotEquals(0, run.result.exitCode(), run.result.describe());
            assertTrue(run.result.stderr().contains("skewguard stopped this job"), run.result.describe());
            assertFalse(run.hasResult(), run.result.describe());
            assertTrue(run.completedEpochs() < STOP_EPOCHS, "not stopped early:\n" + run.result.describe());

            JsonNode report = finalReport(collector, job, run);
            assertTrue(report.path("triggered").asBoolean(), report.toPrettyString());
            assertEquals(run.ranCounts("train"), Reports.classCounts(report, "train"),
                    "train labels the collector counted vs the batches the program trained on\n" + report);
            assertEquals(run.ranCounts("eval"), Reports.classCounts(report, "eval"),
                    "eval labels the collector counted vs the batches the program evaluated\n" + report);
        }
    }

    @Test
    void balancedRunCompletesWithNoFindingCountsWhatItRanUnderTheProgramsTensorNames() throws Exception {
        String job = "tf-balanced";
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            // Labels fed as class ids (int32 [N]); the one-hot form is the stop test's.
            TensorflowExampleRun run = TensorflowExampleRun.run(agentArgs(collector, job, ""),
                    "--epochs", "2", "--labels", "ids");

            run.assertCompleted();
            assertTrue(run.result.agentWarnings().isEmpty(), run.result.describe());
            JsonNode report = finalReport(collector, job, run);
            assertFalse(report.path("triggered").asBoolean(), report.toPrettyString());
            assertEquals(run.ranCounts("train"), Reports.classCounts(report, "train"), report.toString());
            assertEquals(run.ranCounts("eval"), Reports.classCounts(report, "eval"), report.toString());
            // 1,600 training samples in batches of 32, 400 validation samples in 13 batches, twice
            assertEquals(100, report.path("modes").path("train").path("records").asLong(), report.toString());
            assertEquals(26, report.path("modes").path("eval").path("records").asLong(), report.toString());
            List<String> names = new ArrayList<>();
            report.path("tensor_names_seen").forEach(n -> names.add(n.asText()));
            assertEquals(List.of("labels:0", "predictions:0"), names.stream().sorted().toList(), report.toString());
            assertEquals(List.of("tensorflow"), Reports.frameworks(report),
                    "Batch.framework names it where the program's own tensor names do not: " + report);
        }
    }

    @Test
    void aProgramThatFetchesOnlyItsLossIsToldOnceInOneLineThatNothingMatched() throws Exception {
        String job = "tf-loss-only";
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            TensorflowExampleRun run = TensorflowExampleRun.run(agentArgs(collector, job, ""),
                    "--epochs", "1", "--fetch", "loss", "--labels-name", "y");

            run.assertCompleted();
            List<String> lines = run.result.stderrLines().stream().filter(l -> l.contains("nothing matched")).toList();
            assertEquals(1, lines.size(), run.result.describe());
            String line = lines.get(0);
            assertTrue(line.contains("labels_regex \".*labels\"") && line.contains("y:0") && line.contains("loss:0"),
                    line);
            assertTrue(collector.report(job).map(r -> r.path("batches_counted").asLong() == 0).orElse(true),
                    "nothing was sent: " + collector.report(job));
        }
    }

    /**
     * Training runs and nothing is captured: the agent says so once while the job trains (nothing_captured_after=1
     * for a short test; 30 s by default), naming what it saw and what to do, not only in its exit line.
     */
    @Test
    void trainingWithNothingCapturedIsSaidOnceWhileItRuns() throws Exception {
        String job = "tf-blind";
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            TensorflowExampleRun run = TensorflowExampleRun.run(agentArgs(collector, job, "nothing_captured_after=1"),
                    "--epochs", "200", "--fetch", "loss", "--labels-name", "y");

            run.assertCompleted();
            List<String> lines = run.result.stderrLines().stream()
                    .filter(l -> l.contains("tensorflow: training runs (")).toList();
            assertEquals(1, lines.size(), run.result.describe());
            String line = lines.get(0);
            assertTrue(line.contains("WARN") && line.contains("none of its batches was captured")
                    && line.contains("y:0") && line.contains("--labels-regex"), line);
            assertFalse(line.contains("exit:"), "said while training, not at exit: " + line);
        }
    }

    /**
     * The collector's regexes reach the agent in its Welcome: a program whose labels are named {@code y} is captured
     * once the collector says its labels_regex is {@code ^y:0$}. Runs before the Welcome arrives (gRPC loads and
     * connects on its own thread) are held until it has, so even a job of one short epoch, most of whose runs end
     * before the agent has connected, is counted exactly from its first run, in both modes.
     */
    @Test
    void theCollectorsRegexesFromWelcomeSelectTheNamesSentExactlyFromTheFirstRun() throws Exception {
        String job = "tf-welcome-regexes";
        RuleParameters parameters = RuleParameters.DEFAULTS.toBuilder().labelsRegex("^y:0$").build();
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG, parameters)) {
            TensorflowExampleRun run = TensorflowExampleRun.run(agentArgs(collector, job, ""),
                    "--epochs", "1", "--labels-name", "y");

            run.assertCompleted();
            assertTrue(run.result.agentWarnings().isEmpty(), run.result.describe());
            JsonNode report = finalReport(collector, job, run);
            List<String> names = new ArrayList<>();
            report.path("tensor_names_seen").forEach(n -> names.add(n.asText()));
            assertEquals(List.of("predictions:0", "y:0"), names.stream().sorted().toList(), report.toString());
            assertEquals(run.ranCounts("train"), Reports.classCounts(report, "train"), report.toString());
            assertEquals(run.ranCounts("eval"), Reports.classCounts(report, "eval"), report.toString());
            assertEquals(50, report.path("modes").path("train").path("records").asLong(), report.toString());
            assertEquals(13, report.path("modes").path("eval").path("records").asLong(), report.toString());
            assertEquals(0, Reports.droppedBatches(report), report.toString());
        }
    }

    /** Both names chosen on the collector, neither the agent's default: still exact from the first run. */
    @Test
    void labelsAndPredictionsNamedOnlyOnTheCollectorAreCountedExactly() throws Exception {
        String job = "tf-collector-names";
        RuleParameters parameters = RuleParameters.DEFAULTS.toBuilder()
                .labelsRegex("^y_true:0$").predictionsRegex("^y_pred:0$").build();
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP, parameters)) {
            TensorflowExampleRun run = TensorflowExampleRun.run(agentArgs(collector, job, ""),
                    "--epochs", "1", "--labels-name", "y_true", "--predictions-name", "y_pred");

            run.assertCompleted();
            JsonNode report = finalReport(collector, job, run);
            assertEquals(run.ranCounts("train"), Reports.classCounts(report, "train"), report.toString());
            assertEquals(run.ranCounts("eval"), Reports.classCounts(report, "eval"), report.toString());
            assertTrue(report.path("modes").path("eval").path("classes").path("0").has("mispredicted"),
                    "predictions were paired with the labels: " + report);
            assertFalse(report.path("triggered").asBoolean(), report.toPrettyString());
        }
    }

    private static JsonNode finalReport(InProcessCollector collector, String job, TensorflowExampleRun run)
            throws Exception {
        try {
            return collector.awaitReport(job, Reports::allSaidGoodbye, REPORT_WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- the program\n" + run.result.describe(), e);
        }
    }
}
