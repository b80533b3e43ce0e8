package dev.skewguard.it.djl;

import static dev.skewguard.it.djl.DjlCollectors.agentOptions;
import static dev.skewguard.it.djl.DjlCollectors.collector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.server.CollectorServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A DJL binary classifier with one output unit (SigmoidBinaryCrossEntropyLoss on logits, or on a sigmoid's
 * probabilities built fromSigmoid; BinaryAccuracy; labels a [B, 1] column or a flat [B] array), trained for real
 * with EasyTrain and a validation set, the shaded agent attached and a real collector on loopback: balanced runs are
 * counted exactly in both modes with few mispredictions, imbalanced ones are stopped with exact counts.
 */
@Timeout(300)
class DjlBinaryIT {
    private static final int CLASSES = 2;
    private static final int EPOCHS_TO_STOP = 200;

    @TempDir
    Path workDir;

    private static String[] args(String output, String labelShape, int epochs, String... more) {
        List<String> args = new ArrayList<>(List.of("--classes", "2", "--binary-output", output,
                "--label-shape", labelShape, "--epochs", "" + epochs));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}, labels {1}, {2}")
    @CsvSource({"logits, column, EasyTrain", "sigmoid, flat, EasyTrain", "logits, flat, manual"})
    void balancedBinaryRunIsCountedExactlyInBothModes(String output, String labelShape, String loop) throws Exception {
        String job = "djl-binary-" + output + "-" + labelShape + "-" + loop;
        try (CollectorServer server = collector(Action.STOP)) {
            DjlExampleRun run = DjlExampleRun.run(agentOptions(server, job, ""), workDir,
                    args(output, labelShape, 3, "--loop", loop));

            assertEquals(0, run.exitStatus(), run.output());
            assertTrue(run.resultLine().isPresent(), run.output());
            for (String mode : List.of("train", "eval")) {
                long[] printed = run.finalCounts(mode);
                CollectorReport report = CollectorReport.awaitCounts(server, job, mode, printed, 30_000, run.output());
                assertArrayEquals(printed, report.counts(mode, CLASSES), mode + "\n" + run.output() + "\n" + report.root);
                assertEquals(run.finalBatches(mode), report.root.path("modes").path(mode).path("records").asLong(),
                        mode + ": batches the collector counted");
                assertFalse(report.triggered(), report.summary());
                assertEquals(0, report.dataErrors(), report.root.toString());
            }
            // The outputs were read with the right threshold: a trained model mispredicts few validation labels.
            CollectorReport report = CollectorReport.of(server, job).orElseThrow();
            long labels = 0;
            long mispredicted = 0;
            for (int c = 0; c < CLASSES; c++) {
                labels += report.root.path("modes").path("eval").path("classes").path("" + c).path("count").asLong();
                mispredicted += report.root.path("modes").path("eval").path("classes").path("" + c)
                        .path("mispredicted").asLong();
            }
            assertTrue(labels > 0 && mispredicted * 5 < labels,
                    mispredicted + " of " + labels + " validation labels mispredicted: " + report.root);
            assertFalse(run.output().contains("0 batches captured"), run.output());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"logits", "sigmoid"})
    void imbalancedBinaryRunIsStoppedAndCountsMatch(String output) throws Exception {
        String job = "djl-binary-stop-" + output;
        try (CollectorServer server = collector(Action.STOP)) {
            DjlExampleRun run = DjlExampleRun.run(agentOptions(server, job, "on_stop=throw,stop_grace=60"), workDir,
                    args(output, "column", EPOCHS_TO_STOP, "--minority-fraction", "0.04"));

            assertTrue(run.output().contains("skewguard stopped this job"), run.output());
            assertNotEquals(0, run.exitStatus(), run.output());
            assertTrue(run.lastEpochDone() < EPOCHS_TO_STOP, "stopped only after its last epoch:\n" + run.output());
            for (String mode : List.of("train", "eval")) {
                long[] printed = run.finalCounts(mode);
                CollectorReport report = CollectorReport.awaitCounts(server, job, mode, printed, 30_000, run.output());
                assertTrue(report.triggered(), report.root.toString());
                assertArrayEquals(printed, report.counts(mode, CLASSES), mode + "\n" + run.output());
            }
        }
    }
}
