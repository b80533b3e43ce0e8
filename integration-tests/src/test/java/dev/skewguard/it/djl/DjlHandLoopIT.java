package dev.skewguard.it.djl;

import static dev.skewguard.it.djl.DjlCollectors.agentOptions;
import static dev.skewguard.it.djl.DjlCollectors.collector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.server.CollectorServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DJL loops written by hand (examples/djl {@code --loop manual}: Loss#evaluate and Trainer#step, a running loss after
 * the step) and without a Trainer ({@code --loop trainerless}: Block#forward with a ParameterStore, the engine's
 * GradientCollector), trained for real with the shaded agent and a real collector on loopback: what the collector
 * counts is exactly what the program trained, the steps advance, and a stop leaves no batch counted that the
 * program did not step.
 */
@Timeout(300)
class DjlHandLoopIT {
    private static final int CLASSES = 4;
    private static final int BATCH_SIZE = 32;
    /** Far more epochs than a stop needs (see DjlAgentIT). */
    private static final int STOP_EPOCHS = 200;
    private static final String IMBALANCED = "0.02";

    @TempDir
    Path workDir;

    private static String[] exampleArgs(String engine, String loop, int epochs, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--engine", engine, "--loop", loop,
                "--classes", "" + CLASSES, "--epochs", "" + epochs, "--batch-size", "" + BATCH_SIZE));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void aRunningLossAfterTheStepCountsNothingMoreAndNoEvalBatch(String engine) throws Exception {
        String job = "djl-running-loss-" + engine;
        try (CollectorServer server = collector(Action.LOG)) {
            DjlExampleRun run = DjlExampleRun.run(agentOptions(server, job, ""), workDir,
                    exampleArgs(engine, "manual", 2, "--no-validation"));

            assertEquals(0, run.exitStatus(), run.output());
            long[] trained = run.finalCounts("train");
            CollectorReport report = CollectorReport.awaitCounts(server, job, "train", trained, 30_000, run.output());
            assertArrayEquals(trained, report.counts("train", CLASSES), "train\n" + run.output() + "\n" + report.root);
            assertEquals(run.finalBatches("train"), report.root.path("modes").path("train").path("records").asLong(),
                    "train batches the collector counted\n" + report.root);
            assertEquals(0, run.finalBatches("eval"), run.output());
            assertEquals(0, report.root.path("modes").path("eval").path("records").asLong(0),
                    "the program never evaluates, yet the collector counted eval batches:\n" + report.root);
            assertArrayEquals(new long[CLASSES], report.counts("eval", CLASSES), report.root.toString());
        }
    }

    /**
     * With a samples gate of 5 batches and a misprediction threshold of 0 (the first counted misprediction fires),
     * the rule's finding comes at the fifth batch, whose step, counted from 0, is 4.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void aLoopWithoutATrainerHasStepsThatAdvance(String engine) throws Exception {
        String job = "djl-trainerless-steps-" + engine;
        int gateBatches = 5;
        RuleParameters rule = RuleParameters.DEFAULTS.toBuilder().samples(gateBatches * BATCH_SIZE)
                .thresholdMisprediction(0).build();
        try (CollectorServer server = collector(Action.LOG, rule)) {
            DjlExampleRun run = DjlExampleRun.run(agentOptions(server, job, ""), workDir,
                    exampleArgs(engine, "trainerless", 2, "--no-validation"));

            assertEquals(0, run.exitStatus(), run.output());
            assertTrue(run.resultLine().isPresent(), run.output());
            long[] trained = run.finalCounts("train");
            CollectorReport report = CollectorReport.awaitCounts(server, job, "train", trained, 30_000, run.output());
            assertArrayEquals(trained, report.counts("train", CLASSES), "train\n" + run.output() + "\n" + report.root);
            assertEquals(run.finalBatches("train"), report.root.path("modes").path("train").path("records").asLong());
            assertTrue(report.triggered(), report.root.toString());
            assertEquals("train", report.root.path("mode").asText(), report.root.toString());
            assertEquals(gateBatches - 1, report.root.path("finding").path("step").asLong(-1),
                    "the finding's step: the fifth batch of a loop without a Trainer\n" + report.root);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"PyTorch, manual", "PyTorch, trainerless", "MXNet, manual"})
    void aStoppedLoopHasExactlyTheBatchesItSteppedCounted(String engine, String loop) throws Exception {
        String job = "djl-stop-" + loop + "-" + engine;
        try (CollectorServer server = collector(Action.STOP)) {
            DjlExampleRun run = DjlExampleRun.run(agentOptions(server, job, "on_stop=throw,stop_grace=60"), workDir,
                    exampleArgs(engine, loop, STOP_EPOCHS, "--minority-fraction", IMBALANCED));

            assertTrue(run.output().contains("skewguard stopped this job"), run.output());
            assertNotEquals(0, run.exitStatus(), run.output());
            assertTrue(run.lastEpochDone() < STOP_EPOCHS, "stopped only after its last epoch:\n" + run.output());
            for (String mode : List.of("train", "eval")) {
                long[] completed = run.finalCounts(mode);
                CollectorReport report = CollectorReport.awaitCounts(server, job, mode, completed, 30_000,
                        run.output());
                assertTrue(report.triggered(), report.root.toString());
                assertArrayEquals(completed, report.counts(mode, CLASSES),
                        mode + ": collector counts differ from what the program completed\n" + run.output()
                                + "\n" + report.root);
                assertEquals(run.finalBatches(mode), report.root.path("modes").path(mode).path("records").asLong(0),
                        mode + ": batches the collector counted\n" + report.root);
            }
        }
    }
}
