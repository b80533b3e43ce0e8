package dev.skewguard.it.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.MidRunAttach;
import dev.skewguard.it.support.Reports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DJL example's EasyTrain loop (PyTorch), started without the agent and attached with
 * {@code java -jar skewguard-agent.jar attach <pid> ...} after its first epoch: the training and validation batches
 * after the attach are captured and counted, never more than ran, and the report marks the worker attached.
 */
class DjlAttachIT {
    private static final int EPOCHS = 6;

    @TempDir
    Path workDir;

    @Test
    void attachedAfterTheFirstEpochEasyTrainCountsTheBatchesAfterTheAttach() throws Exception {
        String job = "djl-attach";
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            MidRunAttach.Outcome o = MidRunAttach.run(
                    DjlExampleRun.withoutAgent(workDir, "--classes", "3", "--epochs", Integer.toString(EPOCHS),
                            "--batch-delay-ms", "20"),
                    line -> line.startsWith("epoch 1/"),
                    "endpoint=" + collector.endpoint() + ",job=" + job + ",flush_timeout=30", false);
            DjlExampleRun run = DjlExampleRun.of(o.training());
            assertTrue(run.resultLine().isPresent(), run.output());
            assertEquals(EPOCHS, run.lastEpochDone(), run.output());
            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, Duration.ofSeconds(30),
                    run.output());

            MidRunAttach.assertAttached(o, report);
            MidRunAttach.assertCountedSomeOfWhatRan(report, "train", ran(run.finalCounts("train")));
            MidRunAttach.assertCountedSomeOfWhatRan(report, "eval", ran(run.finalCounts("eval")));
            assertEquals(0, Reports.droppedBatches(report), report.toString());
        }
    }

    /** The example's final counts as class id to count, zero counts left out (as the collector does). */
    private static Map<Integer, Long> ran(long[] counts) {
        Map<Integer, Long> ran = new TreeMap<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                ran.put(c, counts[c]);
            }
        }
        return ran;
    }
}
