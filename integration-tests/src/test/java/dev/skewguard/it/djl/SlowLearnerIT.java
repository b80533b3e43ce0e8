package dev.skewguard.it.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.server.CollectorServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No false stop: the DJL example on balanced data with a low learning rate (0.001, a 50th of its default) under
 * --action stop. Its untrained model mispredicts three of the four classes when the rule's samples gate is reached,
 * so the rule fires (the first trigger, as specified), but the misprediction check stops firing as the model
 * learns, long before its patience: the run completes, never stopped.
 */
@Timeout(300)
class SlowLearnerIT {
    private static final int CLASSES = 4;

    @TempDir
    Path workDir;

    @Test
    void balancedRunWithALowLearningRateTriggersButIsNotStopped() throws Exception {
        String job = "djl-slow-learner";
        try (CollectorServer server = CollectorServer.start(ServerOptions.builder().bind("127.0.0.1").port(0)
                .action(Action.STOP).quiet(true).build())) {
            DjlExampleRun run = DjlExampleRun.run("endpoint=127.0.0.1:" + server.port() + ",job=" + job
                            + ",flush_timeout=30,buffer=100000,on_stop=exit,exit_code=7", workDir,
                    "--classes", "" + CLASSES, "--epochs", "5", "--learning-rate", "0.001");

            assertEquals(0, run.exitStatus(), run.output());
            assertEquals(5, run.lastEpochDone(), run.output());
            assertTrue(run.resultLine().isPresent(), run.output());
            assertFalse(run.output().contains("skewguard stopped this job"), run.output());

            long[] printed = run.finalCounts("train");
            CollectorReport report = CollectorReport.awaitCounts(server, job, "train", printed, 30_000, run.output());
            assertArrayEquals(printed, report.counts("train", CLASSES), report.root.toString());
            assertTrue(report.triggered(), "the untrained model fires the misprediction check: " + report.summary());
            assertEquals("misprediction", report.root.path("finding").path("checks").get(0).asText(), report.root.toString());
            assertFalse(report.root.path("stopped").asBoolean(), report.root.toPrettyString());
            assertFalse(report.root.path("stop_decision").path("decided").asBoolean(), report.root.toPrettyString());
            assertTrue(report.root.path("stop_decision").path("resets").asLong() >= 1,
                    "the mispredictions faded: " + report.root.path("stop_decision"));
        }
    }
}
