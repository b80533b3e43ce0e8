package dev.skewguard.it.dl4j;

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
 * The DL4J example's MultiLayerNetwork, started without the agent and attached with
 * {@code java -jar skewguard-agent.jar attach <pid> ...} after its first epoch: the iterations and evaluations after
 * the attach are captured and counted, never more than ran, and the report says from which iteration.
 */
class Dl4jAttachIT {
    private static final int EPOCHS = 6;

    @Test
    void attachedAfterTheFirstEpochItCountsTheIterationsAfterTheAttach() throws Exception {
        String job = "dl4j-attach";
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            MidRunAttach.Outcome o = MidRunAttach.run(
                    Dl4jExampleRun.withoutAgent("--classes", "3", "--epochs", Integer.toString(EPOCHS),
                            "--batch-delay-ms", "30"),
                    line -> line.startsWith("epoch 1/"),
                    "endpoint=" + collector.endpoint() + ",job=" + job + ",flush_timeout=30", false);
            Dl4jExampleRun run = Dl4jExampleRun.of(o.training());
            assertTrue(run.hasResult(), o.training().describe());
            assertEquals(EPOCHS, run.lastEpochDone(), o.training().describe());
            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, Duration.ofSeconds(30),
                    o.training().describe());

            JsonNode worker = MidRunAttach.assertAttached(o, report);
            MidRunAttach.assertCountedSomeOfWhatRan(report, "train", run.ranCounts("train"));
            MidRunAttach.assertCountedSomeOfWhatRan(report, "eval", run.ranCounts("eval"));
            // DL4J's step is the network's iteration count: the first epoch's iterations ran before the attach.
            long perEpoch = run.ranTrainBatches() / EPOCHS;
            long firstIteration = worker.at("/counts_start/train/step").asLong();
            assertTrue(firstIteration >= perEpoch && firstIteration < run.ranTrainBatches(),
                    "counts start at iteration " + firstIteration + " of " + run.ranTrainBatches() + ": " + worker);
            assertEquals(0, Reports.droppedBatches(report), report.toString());
        }
    }
}
