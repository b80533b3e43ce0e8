package dev.skewguard.it.djl;

import static dev.skewguard.it.djl.DjlCollectors.agentOptions;
import static dev.skewguard.it.djl.DjlCollectors.collector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.server.CollectorServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DJL example (examples/djl) trained for real, on the PyTorch and the MXNet engine, with the shaded agent jar
 * attached in a child JVM and a real collector on loopback.
 */
@Timeout(300)
class DjlAgentIT {
    private static final int CLASSES = 4;
    /**
     * Epochs of the runs a stop should end: far more than the stop needs. The rule fires within the first epoch,
     * but an epoch of this small model takes only 0.1-0.3 s and on a loaded 2-core machine the agent's sender was
     * seen to need 5-8 s to connect; a run that is stopped ends there, so the extra epochs cost nothing.
     */
    private static final int EPOCHS = 200;
    private static final String IMBALANCED = "0.02";

    @TempDir
    Path workDir;

    private static String[] exampleArgs(String engine, int epochs, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--engine", engine, "--classes", "" + CLASSES,
                "--epochs", "" + epochs));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void imbalancedRunIsStoppedBeforeItsLastEpochAndCountsMatch(String engine) throws Exception {
        String job = "djl-stop-" + engine;
        try (CollectorServer server = collector(Action.STOP)) {
            DjlExampleRun run = DjlExampleRun.run(agentOptions(server, job, "on_stop=throw,stop_grace=60"), workDir,
                    exampleArgs(engine, EPOCHS, "--minority-fraction", IMBALANCED));

            assertTrue(run.output().contains("skewguard stopped this job"), run.output());
            assertNotEquals(0, run.exitStatus(), run.output());
            assertTrue(run.lastEpochDone() < EPOCHS, "stopped only after its last epoch:\n" + run.output());
            assertTrue(run.resultLine().isEmpty(), run.output());

            for (String mode : List.of("train", "eval")) {
                long[] printed = run.finalCounts(mode);
                CollectorReport report = CollectorReport.awaitCounts(server, job, mode, printed, 30_000, run.output());
                assertTrue(report.triggered(), report.root.toString());
                assertArrayEquals(printed, report.counts(mode, CLASSES),
                        mode + ": collector counts differ from the program's own\n" + run.output() + "\n" + report.root);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void imbalancedRunWithOnStopExitEndsWithTheStopExitStatus(String engine) throws Exception {
        String job = "djl-exit-" + engine;
        try (CollectorServer server = collector(Action.STOP)) {
            DjlExampleRun run = DjlExampleRun.run(agentOptions(server, job, "on_stop=exit,exit_code=7"), workDir,
                    exampleArgs(engine, EPOCHS, "--minority-fraction", IMBALANCED));

            assertEquals(7, run.exitStatus(), run.output());
            assertTrue(run.lastEpochDone() < EPOCHS, "stopped only after its last epoch:\n" + run.output());
            assertTrue(run.resultLine().isEmpty(), run.output());
            assertTrue(CollectorReport.of(server, job).orElseThrow().triggered());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void balancedRunCompletesWithNoFindingAndEachBatchCountedOnce(String engine) throws Exception {
        String job = "djl-balanced-" + engine;
        try (CollectorServer server = collector(Action.STOP)) {
            DjlExampleRun run = DjlExampleRun.run(agentOptions(server, job, ""), workDir,
                    exampleArgs(engine, 3));

            assertEquals(0, run.exitStatus(), run.output());
            assertTrue(run.resultLine().isPresent(), run.output());
            assertEquals(3, run.lastEpochDone());
            for (String mode : List.of("train", "eval")) {
                long[] printed = run.finalCounts(mode);
                CollectorReport report = CollectorReport.awaitCounts(server, job, mode, printed, 30_000, run.output());
                assertFalse(report.triggered(), report.summary());
                assertArrayEquals(printed, report.counts(mode, CLASSES), mode + "\n" + run.output());
                assertEquals(run.finalBatches(mode), report.root.path("modes").path(mode).path("records").asLong(),
                        mode + ": batches the collector counted");
                assertEquals(0, report.dataErrors(), report.root.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void withNoCollectorReachableResultsAreIdenticalToARunWithoutTheAgent(String engine) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String[] args = exampleArgs(engine, 3, "--minority-fraction", IMBALANCED);
        DjlExampleRun without = DjlExampleRun.run(null, workDir, args);
        DjlExampleRun with = DjlExampleRun.run("endpoint=127.0.0.1:" + closedPort + ",job=djl-unreachable",
                workDir, args);

        assertEquals(0, without.exitStatus(), without.output());
        assertEquals(0, with.exitStatus(), with.output());
        assertTrue(without.resultLine().isPresent(), without.output());
        assertEquals(without.resultLine(), with.resultLine());
        assertEquals(without.stdout(), with.stdout(), "the program's output changed with the agent attached");
        assertFalse(with.agentLines().isEmpty(), "the agent said nothing on standard error:\n" + with.output());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void handWrittenLoopIsCapturedWithEachBatchCountedOnce(String engine) throws Exception {
        String job = "djl-manual-" + engine;
        try (CollectorServer server = collector(Action.LOG)) {
            DjlExampleRun run = DjlExampleRun.run(agentOptions(server, job, ""), workDir,
                    exampleArgs(engine, 2, "--loop", "manual", "--minority-fraction", IMBALANCED));

            assertEquals(0, run.exitStatus(), run.output());
            for (String mode : List.of("train", "eval")) {
                long[] printed = run.finalCounts(mode);
                CollectorReport report = CollectorReport.awaitCounts(server, job, mode, printed, 30_000, run.output());
                assertArrayEquals(printed, report.counts(mode, CLASSES), mode + "\n" + run.output());
                assertEquals(run.finalBatches(mode), report.root.path("modes").path(mode).path("records").asLong(),
                        mode + ": batches the collector counted");
            }
            // log action: the rule fires on the imbalance but training goes on to its end
            assertTrue(CollectorReport.of(server, job).orElseThrow().triggered());
            assertTrue(run.resultLine().isPresent(), run.output());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void scoresModeSendsScoreVectorsThatTheCollectorReducesByArgmax(String engine) throws Exception {
        String job = "djl-scores-" + engine;
        try (CollectorServer server = collector(Action.LOG, RuleParameters.DEFAULTS.toBuilder().argmax(true).build())) {
            DjlExampleRun run = DjlExampleRun.run(agentOptions(server, job, "predictions=scores"), workDir,
                    exampleArgs(engine, 2));

            assertEquals(0, run.exitStatus(), run.output());
            for (String mode : List.of("train", "eval")) {
                long[] printed = run.finalCounts(mode);
                CollectorReport report = CollectorReport.awaitCounts(server, job, mode, printed, 30_000, run.output());
                assertArrayEquals(printed, report.counts(mode, CLASSES), mode + "\n" + run.output());
                assertEquals(0, report.dataErrors(), report.root.toString());
                assertFalse(report.triggered(), report.summary());
                // a trained model: few mispredictions in validation (argmax of the scores the agent sent)
                long mispredicted = 0;
                for (int c = 0; c < CLASSES; c++) {
                    mispredicted += report.root.path("modes").path("eval").path("classes").path("" + c)
                            .path("mispredicted").asLong();
                }
                assertTrue(mispredicted < run.finalBatches("eval") * 32 / 10, report.root.toString());
            }
        }
    }

    @ParameterizedTest(name = "manual loop: {0}")
    @ValueSource(booleans = {false, true})
    void djlInAChildClassLoaderIsCapturedThroughInjectedHelpers(boolean manualLoop) throws Exception {
        String job = "djl-child-loader-" + manualLoop;
        try (CollectorServer server = collector(Action.LOG)) {
            String[] args = manualLoop ? exampleArgs("PyTorch", 2, "--loop", "manual") : exampleArgs("PyTorch", 2);
            DjlExampleRun run = DjlExampleRun.runInChildLoader(agentOptions(server, job, ""), workDir, args);

            assertEquals(0, run.exitStatus(), run.output());
            assertTrue(run.resultLine().isPresent(), run.output());
            for (String mode : List.of("train", "eval")) {
                long[] printed = run.finalCounts(mode);
                CollectorReport report = CollectorReport.awaitCounts(server, job, mode, printed, 30_000, run.output());
                assertArrayEquals(printed, report.counts(mode, CLASSES), mode + "\n" + run.output());
                assertEquals(run.finalBatches(mode), report.root.path("modes").path(mode).path("records").asLong());
            }
            assertFalse(run.output().contains("advice"), "the agent met errors:\n" + run.output());
        }
    }
}
