package dev.skewguard.it.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.MidRunAttach;
import dev.skewguard.it.support.Reports;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The TensorFlow Java example (graph mode), started without the agent and attached with
 * {@code java -jar skewguard-agent.jar attach <pid> ...} after its first epoch: the Session runs after the attach are
 * captured and counted, never more than ran, and the report marks the worker attached.
 */
class TensorflowAttachIT {
    private static final int EPOCHS = 6;

    @Test
    void attachedAfterTheFirstEpochItCountsTheRunsAfterTheAttach() throws Exception {
        String job = "tensorflow-attach";
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            MidRunAttach.Outcome o = MidRunAttach.run(
                    TensorflowExampleRun.withoutAgent("--classes", "3", "--epochs", Integer.toString(EPOCHS),
                            "--batch-delay-ms", "20"),
                    line -> line.startsWith("epoch 1:"),
                    "endpoint=" + collector.endpoint() + ",job=" + job + ",flush_timeout=30", false);
            TensorflowExampleRun run = TensorflowExampleRun.of(o.training());
            run.assertCompleted();
            assertEquals(EPOCHS, run.completedEpochs(), o.training().describe());
            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, Duration.ofSeconds(30),
                    o.training().describe());

            JsonNode worker = MidRunAttach.assertAttached(o, report);
            MidRunAttach.assertCountedSomeOfWhatRan(report, "train", run.ranCounts("train"));
            MidRunAttach.assertCountedSomeOfWhatRan(report, "eval", run.ranCounts("eval"));
            // The agent numbers TensorFlow's training runs itself: an attached agent from its first run on.
            assertTrue(worker.at("/counts_start/train/step").asLong() >= 1, worker.toString());
            assertEquals(0, Reports.droppedBatches(report), report.toString());
        }
    }
}
