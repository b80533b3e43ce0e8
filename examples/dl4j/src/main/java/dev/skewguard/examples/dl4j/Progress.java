package dev.skewguard.examples.dl4j;

import java.util.Arrays;
import java.util.List;

import dev.skewguard.examples.common.BatchDelayOptions;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The true label counts of the work completed so far: training batches whose iteration finished, and validation
 * batches given to an evaluation. Batches run in a fixed order, so the n-th completed iteration of an epoch is batch
 * n, and the n-th validation batch handed out is batch n of the validation list.
 */
final class Progress {
    private final long[][] batchCounts;
    private final long[][] validCounts;
    private final long[] trainCounts;
    private final long[] evalCounts;
    private long trainBatches;
    private long evalBatches;
    private int batchInEpoch;
    private final BatchDelayOptions delay;

    Progress(int classes, List<DataSet> trainBatches, List<DataSet> validBatches, BatchDelayOptions delay) {
        this.delay = delay;
        this.batchCounts = labelCounts(classes, trainBatches);
        this.validCounts = labelCounts(classes, validBatches);
        this.trainCounts = new long[classes];
        this.evalCounts = new long[classes];
    }

    void startEpoch() {
        batchInEpoch = 0;
    }

    /** A training iteration finished (on the training thread): count it, then pause {@code --batch-delay-ms}. */
    void batchDone() {
        long[] counts = batchCounts[batchInEpoch++];
        for (int c = 0; c < counts.length; c++) {
            trainCounts[c] += counts[c];
        }
        trainBatches++;
        delay.pause();
    }

    /**
     * Validation batch {@code index} is given to an evaluation. Counted then, not when the evaluation returns: a stop
     * (skewguard's on_stop=throw) may end an evaluation as a batch's {@code Evaluation#eval} returns, and that batch
     * was evaluated.
     */
    void evaluating(int index) {
        long[] counts = validCounts[index];
        for (int c = 0; c < counts.length; c++) {
            evalCounts[c] += counts[c];
        }
        evalBatches++;
    }

    /** Per batch, how many of its labels are of each class (labels one-hot). */
    private static long[][] labelCounts(int classes, List<DataSet> batches) {
        long[][] counts = new long[batches.size()][classes];
        for (int b = 0; b < batches.size(); b++) {
            for (float[] row : batches.get(b).getLabels().toFloatMatrix()) {
                for (int c = 0; c < classes; c++) {
                    if (row[c] == 1f) {
                        counts[b][c]++;
                    }
                }
            }
        }
        return counts;
    }

    @Override
    public String toString() {
        return "train batches " + trainBatches + ", train label counts " + Arrays.toString(trainCounts)
                + ", eval batches " + evalBatches + ", eval label counts " + Arrays.toString(evalCounts);
    }
}
