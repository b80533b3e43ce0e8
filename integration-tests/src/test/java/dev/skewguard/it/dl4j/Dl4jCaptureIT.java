package dev.skewguard.it.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.Reports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * examples/dl4j with the agent, against the real collector on loopback: DL4J training iterations
 * (dl4j/train/...) and Evaluation batches (dl4j/eval/...) are captured with no code change.
 */
class Dl4jCaptureIT {
    private static final String IMBALANCED = "0.02";
    /** Far more epochs than the stop needs: a run that is not stopped shows up as one that finished. */
    private static final int STOP_EPOCHS = 20;
    private static final Duration REPORT_WAIT = Duration.ofSeconds(20);

    /** The exit flush may take up to 10 s: on a busy machine a short run can end before its first connection. */
    private static String agentArgs(InProcessCollector collector, String job, String more) {
        return "endpoint=" + collector.endpoint() + ",job=" + job + ",flush_timeout=10"
                + (more.isEmpty() ? "" : "," + more);
    }

    /** The job's report once its agent said Goodbye; on a timeout the failure shows what the program printed. */
    private static JsonNode finalReport(InProcessCollector collector, String job, Dl4jExampleRun run)
            throws Exception {
        try {
            return collector.awaitReport(job, Reports::allSaidGoodbye, REPORT_WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- the program\n" + run.result.describe(), e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MultiLayerNetwork", "ComputationGraph"})
    void imbalancedRunIsStoppedBeforeItsLastEpochAndTheCollectorCountedWhatItRan(String model) throws Exception {
        String job = "dl4j-stop-" + model;
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            Dl4jExampleRun run = Dl4jExampleRun.run(agentArgs(collector, job, "on_stop=throw,stop_grace=60"),
                    model.equals("ComputationGraph") ? new String[] {"--graph", "--epochs", "" + STOP_EPOCHS,
                            "--minority-fraction", IMBALANCED}
                            : new String[] {"--epochs", "" + STOP_EPOCHS, "--minority-fraction", IMBALANCED});

            assertNotEquals(0, run.result.exitCode(), run.result.describe());
            assertTrue(run.result.stderr().contains("skewguard stopped this job"), run.result.describe());
            assertFalse(run.hasResult(), run.result.describe());
            assertTrue(run.lastEpochDone() < STOP_EPOCHS, "not stopped before its last epoch:\n" + run.result.describe());

            JsonNode report = finalReport(collector, job, run);
            assertTrue(report.path("triggered").asBoolean(), report.toPrettyString());
            assertEquals(run.ranCounts("train"), Reports.classCounts(report, "train"),
                    "train labels the collector counted vs the batches the program completed\n" + report);
            assertEquals(run.ranCounts("eval"), Reports.classCounts(report, "eval"),
                    "eval labels the collector counted vs the evaluations the program completed\n" + report);
            assertEquals(run.ranTrainBatches(), report.path("modes").path("train").path("records").asLong(),
                    report.toPrettyString());
            assertEquals(0, Reports.droppedBatches(report), report.toPrettyString());
        }
    }

    @Test
    void imbalancedRunWithOnStopExitEndsWithTheStopExitStatus() throws Exception {
        String job = "dl4j-exit";
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            Dl4jExampleRun run = Dl4jExampleRun.run(agentArgs(collector, job, "on_stop=exit,exit_code=7"),
                    "--epochs", "" + STOP_EPOCHS, "--minority-fraction", IMBALANCED);

            assertEquals(7, run.result.exitCode(), run.result.describe());
            assertFalse(run.hasResult(), run.result.describe());
            assertTrue(run.lastEpochDone() < STOP_EPOCHS, run.result.describe());
            assertTrue(collector.report(job).orElseThrow().path("triggered").asBoolean());
        }
    }

    @Test
    void balancedRunCompletesWithNoFindingAndEveryBatchCountedOnce() throws Exception {
        String job = "dl4j-balanced";
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            Dl4jExampleRun run = Dl4jExampleRun.run(agentArgs(collector, job, ""), "--epochs", "3");

            assertEquals(0, run.result.exitCode(), run.result.describe());
            assertTrue(run.hasResult(), run.result.describe());
            assertEquals(3, run.lastEpochDone());
            assertTrue(run.result.agentWarnings().isEmpty(), run.result.describe());

            JsonNode report = finalReport(collector, job, run);
            assertFalse(report.path("triggered").asBoolean(), report.toPrettyString());
            assertEquals(run.ranCounts("train"), Reports.classCounts(report, "train"), report.toString());
            assertEquals(run.ranCounts("eval"), Reports.classCounts(report, "eval"), report.toString());
            // The program ends with score(DataSet) on the validation set: scoring outside training is not counted.
            assertEquals(run.ranTrainBatches(), report.path("modes").path("train").path("records").asLong());
            assertEquals(0, report.path("data_errors").asLong(), report.toPrettyString());
        }
    }

    /**
     * A ComputationGraph with a softmax classifier head and an MSE regression head ([N, 1] continuous targets): only
     * the classifier's labels are counted, one batch per iteration; a balanced run is not stopped.
     */
    @Test
    void aGraphsRegressionHeadIsNotCountedOnlyItsClassifierHead() throws Exception {
        String job = "dl4j-two-heads";
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            Dl4jExampleRun run = Dl4jExampleRun.run(agentArgs(collector, job, ""), "--regression-head", "--epochs", "3");

            assertEquals(0, run.result.exitCode(), run.result.describe());
            assertTrue(run.hasResult(), run.result.describe());
            assertEquals(3, run.lastEpochDone());

            JsonNode report = finalReport(collector, job, run);
            assertFalse(report.path("triggered").asBoolean(), report.toPrettyString());
            assertEquals(run.ranCounts("train"), Reports.classCounts(report, "train"),
                    "train labels the collector counted vs the classifier head's labels\n" + report);
            assertEquals(run.ranCounts("eval"), Reports.classCounts(report, "eval"),
                    "eval labels the collector counted vs the classifier head's labels\n" + report);
            assertEquals(run.ranTrainBatches(), report.path("modes").path("train").path("records").asLong(),
                    "one batch per iteration (the classifier head's), not one per head\n" + report.toPrettyString());
            assertEquals(0, report.path("data_errors").asLong(), report.toPrettyString());
        }
    }

    @Test
    void withNoCollectorReachableTheRunCompletesWithResultsIdenticalToARunWithoutTheAgent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String[] args = {"--epochs", "3", "--minority-fraction", IMBALANCED};
        Dl4jExampleRun without = Dl4jExampleRun.run(null, args);
        Dl4jExampleRun with = Dl4jExampleRun.run("endpoint=127.0.0.1:" + closedPort + ",job=dl4j-unreachable", args);

        assertEquals(0, without.result.exitCode(), without.result.describe());
        assertEquals(0, with.result.exitCode(), with.result.describe());
        assertTrue(with.hasResult(), with.result.describe());
        assertEquals(without.result.stdoutLines(), with.result.stdoutLines(),
                "training output, final result line included, must be identical with the agent");
    }

    /**
     * nd4j-api bundles TensorFlow's protocol classes (org.tensorflow.framework.*): with the DL4J instrumentation off,
     * nothing in the job is instrumented, so byte-buddy is never set up and the sender never warms up.
     */
    @Test
    void withItsInstrumentationOffADl4jJobNeverSetsTheAgentUp() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Dl4jExampleRun run = Dl4jExampleRun.run("endpoint=127.0.0.1:" + closedPort
                + ",job=dl4j-off,dl4j=false,debug=true", "--epochs", "1");

        assertEquals(0, run.result.exitCode(), run.result.describe());
        assertTrue(run.result.stderr().contains("instrumentation dl4j is off: dl4j=false"), run.result.describe());
        assertTrue(run.result.stderr().contains("instrumentation tensorflow is on"), run.result.describe());
        assertFalse(run.result.stderr().contains("instrumentation set up in"), run.result.describe());
    }
}
