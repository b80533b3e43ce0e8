package dev.skewguard.examples.dl4j;

import java.util.Arrays;
import java.util.List;

import dev.skewguard.examples.common.BatchDelayOptions;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The true label counts of the work completed so far: training batches whose iteration finished, and validation
 * batches evaluated. Batches run in a fixed order, so the n-th completed iteration of an epoch is batch n.
 */
final class Progress {
    private final long[][] batchCounts;
    private final long[] trainCounts;
    private final long[] evalCounts;
    private long trainBatches;
    private long evalBatches;
    private int batchInEpoch;
    private final BatchDelayOptions delay;

    Progress(int classes, List<DataSet> trainBatches, BatchDelayOptions delay) {
        this.delay = delay;
        this.batchCounts = new long[trainBatches.size()][classes];
        for (int b = 0; b < trainBatches.size(); b++) {
            float[][] oneHot = trainBatches.get(b).getLabels().toFloatMatrix();
            for (float[] row : oneHot) {
                for (int c = 0; c < classes; c++) {
                    if (row[c] == 1f) {
                        batchCounts[b][c]++;
                    }
                }
            }
        }
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

    void evaluated(int batches, long[] counts) {
        for (int c = 0; c < counts.length; c++) {
            evalCounts[c] += counts[c];
        }
        evalBatches += batches;
    }

    @Override
    public String toString() {
        return "train batches " + trainBatches + ", train label counts " + Arrays.toString(trainCounts)
                + ", eval batches " + evalBatches + ", eval label counts " + Arrays.toString(evalCounts);
    }
}
