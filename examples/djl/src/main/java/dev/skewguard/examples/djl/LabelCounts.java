package dev.skewguard.examples.djl;

import java.util.Arrays;

/**
 * The program's own count of the true labels of every batch it handed to training, per mode ("train" for
 * training batches, "eval" for validation batches), to compare with what a collector counted.
 */
final class LabelCounts {
    private final String mode;
    private final long[] counts;
    private long batches;

    LabelCounts(String mode, int classes) {
        this.mode = mode;
        this.counts = new long[classes];
    }

    /** Counts one batch, given its labels as class ids. */
    synchronized void addBatch(int[] labels) {
        for (int label : labels) {
            counts[label]++;
        }
        batches++;
    }

    /** One line, parsed by the integration tests: {@code label counts (train, 12 batches): [96, 95, 97, 4]}. */
    synchronized String line() {
        return "label counts (" + mode + ", " + batches + " batches): " + Arrays.toString(counts);
    }
}
