package dev.skewguard.it.xgboost;

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
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * examples/xgboost with the agent, against the real collector on loopback: per boosting round the training matrix
 * (xgboost/train/...) and the watched validation matrix (xgboost/eval/...) are captured with no code change.
 */
class XgboostCaptureIT {
    private static final String IMBALANCED = "0.02";
    /** Far more rounds (of a larger set) than the stop needs: a run that is not stopped shows up as finished. */
    private static final int STOP_ROUNDS = 500;
    private static final Duration REPORT_WAIT = Duration.ofSeconds(20);

    /** The exit flush may take up to 10 s: on a busy machine a short run can end before its first connection. */
    private static String agentArgs(InProcessCollector collector, String job, String more) {
        return "endpoint=" + collector.endpoint() + ",job=" + job + ",flush_timeout=10"
                + (more.isEmpty() ? "" : "," + more);
    }

    @Test
    void imbalancedRunIsStoppedBeforeItsLastRoundAndTheCollectorCountedWhatItRan() throws Exception {
        String job = "xgboost-stop";
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            XgboostExampleRun run = XgboostExampleRun.run(agentArgs(collector, job, "on_stop=throw,stop_grace=60"),
                    null, "--rounds", "" + STOP_ROUNDS, "--samples", "20000", "--minority-fraction", IMBALANCED);

            assertNotEquals(0, run.result.exitCode(), run.result.describe());
            assertTrue(run.result.stderr().contains("skewguard stopped this job"), run.result.describe());
            assertFalse(run.hasResult(), run.result.describe());
            assertTrue(run.ranRounds() < STOP_ROUNDS, "not stopped before its last round:\n" + run.result.describe());

            JsonNode report = finalReport(collector, job, run);
            assertTrue(report.path("triggered").asBoolean(), report.toPrettyString());
            assertEquals(run.ranCounts("train"), Reports.classCounts(report, "train"),
                    "train labels the collector counted vs the rounds the program completed\n" + report);
            assertEquals(run.ranCounts("eval"), Reports.classCounts(report, "eval"),
                    "eval labels the collector counted vs the rounds the program completed\n" + report);
            assertEquals(run.ranRounds(), report.path("modes").path("train").path("records").asLong());
            assertEquals(run.ranRounds(), report.path("modes").path("eval").path("records").asLong());
        }
    }

    /**
     * A job that captures thousands of batches a second from its first moment (two per round, a predict each, about
     * 3000 rounds a second here) at the default buffer: nothing is dropped while the sender loads its classes and
     * connects, nor after. The collector is warmed up by one such job first, as a running sidecar is.
     */
    @Test
    void aFastJobAtTheDefaultBufferDropsNothingWhileTheSenderStarts() throws Exception {
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            for (String job : new String[] {"xgboost-warm-up", "xgboost-fast"}) {
                XgboostExampleRun run = XgboostExampleRun.run(agentArgs(collector, job, ""), null,
                        "--rounds", "3000", "--samples", "300", "--classes", "4");
                assertTrue(run.hasResult(), run.result.describe());
                JsonNode report = finalReport(collector, job, run);
                if (job.equals("xgboost-fast")) {
                    assertEquals(0, report.path("dropped_batches").asLong(), report.toPrettyString());
                    assertEquals(2L * run.ranRounds(), report.path("batches_counted").asLong(),
                            report.toPrettyString());
                }
            }
        }
    }

    @Test
    void imbalancedRunWithOnStopExitEndsWithTheStopExitStatus() throws Exception {
        String job = "xgboost-exit";
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            XgboostExampleRun run = XgboostExampleRun.run(agentArgs(collector, job, "on_stop=exit,exit_code=7"),
                    null, "--rounds", "" + STOP_ROUNDS, "--samples", "20000", "--minority-fraction", IMBALANCED);

            assertEquals(7, run.result.exitCode(), run.result.describe());
            assertFalse(run.hasResult(), run.result.describe());
            assertTrue(collector.report(job).orElseThrow().path("triggered").asBoolean());
        }
    }

    /** Both ways of driving rounds: a Booster#update/#evalSet loop, and one XGBoost.train call with watches. */
    /** The job's report once its agent said Goodbye; on a timeout the failure shows what the program printed. */
    private static JsonNode finalReport(InProcessCollector collector, String job, XgboostExampleRun run)
            throws Exception {
        try {
            return collector.awaitReport(job, Reports::allSaidGoodbye, REPORT_WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- the program\n" + run.result.describe(), e);
        }
    }

    @ParameterizedTest(name = "--api {0}")
    @ValueSource(strings = {"loop", "train"})
    void balancedRunCompletesWithNoFindingAndEveryRoundCountedOnce(String api) throws Exception {
        String job = "xgboost-balanced-" + api;
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            XgboostExampleRun run = XgboostExampleRun.run(agentArgs(collector, job, ""), null,
                    "--rounds", "10", "--api", api);

            assertEquals(0, run.result.exitCode(), run.result.describe());
            assertTrue(run.hasResult(), run.result.describe());
            assertEquals(10, run.ranRounds());
            assertTrue(run.result.agentWarnings().isEmpty(), run.result.describe());

            JsonNode report = finalReport(collector, job, run);
            assertFalse(report.path("triggered").asBoolean(), report.toPrettyString());
            assertEquals(run.ranCounts("train"), Reports.classCounts(report, "train"), report.toString());
            assertEquals(run.ranCounts("eval"), Reports.classCounts(report, "eval"), report.toString());
            assertEquals(10, report.path("modes").path("train").path("records").asLong(), report.toString());
            assertEquals(10, report.path("modes").path("eval").path("records").asLong(), report.toString());
        }
    }

    @Test
    void everyNRoundsCapturesOnlyEveryNthRound() throws Exception {
        String job = "xgboost-every";
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            XgboostExampleRun run = XgboostExampleRun.run(agentArgs(collector, job, "xgboost_every=4"), null,
                    "--rounds", "10", "--classes", "2");

            assertEquals(0, run.result.exitCode(), run.result.describe());
            assertTrue(run.result.stderrLines().stream().noneMatch(l -> l.contains("xgboost_every")),
                    "the agent option is understood, not warned about: " + run.result.describe());
            JsonNode report = finalReport(collector, job, run);
            // rounds 0, 4 and 8 of 10: three tenths of what the program saw
            assertEquals(3, report.path("modes").path("train").path("records").asLong(), report.toString());
            Map<Integer, Long> expected = new TreeMap<>();
            run.ranCounts("train").forEach((c, n) -> expected.put(c, n / 10 * 3));
            assertEquals(expected, Reports.classCounts(report, "train"), report.toString());
        }
    }

    @Test
    void withNoCollectorReachableTheRunCompletesWithResultsIdenticalToARunWithoutTheAgent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String[] args = {"--rounds", "20", "--minority-fraction", IMBALANCED};
        XgboostExampleRun without = XgboostExampleRun.run(null, null, args);
        XgboostExampleRun with = XgboostExampleRun.run("endpoint=127.0.0.1:" + closedPort
                + ",job=xgboost-unreachable", null, args);

        assertEquals(0, without.result.exitCode(), without.result.describe());
        assertEquals(0, with.result.exitCode(), with.result.describe());
        assertTrue(with.hasResult(), with.result.describe());
        assertEquals(without.result.stdoutLines(), with.result.stdoutLines(),
                "training output, final result line included, must be identical with the agent");
    }
}
