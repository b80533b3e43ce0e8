package dev.skewguard.bench;

import java.util.SplittableRandom;

/** Balanced labels over 10 classes with predictions 90% right: a healthy job, so the rule never fires. */
final class SyntheticBatch {
    static final int CLASSES = 10;
    final int[] labels;
    final int[] predicted;

    SyntheticBatch(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        labels = new int[size];
        predicted = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = i % CLASSES;
            predicted[i] = random.nextInt(10) == 0 ? (labels[i] + 1) % CLASSES : labels[i];
        }
    }
}
