package dev.skewguard.examples.dl4j;

import java.util.Arrays;
import java.util.Random;

/**
 * A seeded, deterministic synthetic classification set: one Gaussian cluster per class in a few dimensions.
 * The last class is the minority class; it holds {@code minorityFraction} of all samples and the other classes
 * share the rest evenly. A fraction of {@code 1 / classes} gives a balanced set.
 */
final class SyntheticClasses {
    static final int FEATURES = 8;

    final float[][] features;
    final int[] labels;
    final int classes;

    private SyntheticClasses(float[][] features, int[] labels, int classes) {
        this.features = features;
        this.labels = labels;
        this.classes = classes;
    }

    static SyntheticClasses generate(int samples, int classes, double minorityFraction, long seed) {
        if (samples < classes * 5) {
            throw new IllegalArgumentException("--samples must be at least 5 per class, was " + samples);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("--classes must be at least 2, was " + classes);
        }
        if (!(minorityFraction > 0 && minorityFraction <= 1.0 / classes + 1e-9)) {
            throw new IllegalArgumentException("--minority-fraction must be in (0, 1/classes], was " + minorityFraction);
        }
        int minority = Math.max(1, (int) Math.round(samples * minorityFraction));
        int[] perClass = new int[classes];
        perClass[classes - 1] = minority;
        int rest = samples - minority;
        for (int c = 0; c < classes - 1; c++) {
            perClass[c] = rest / (classes - 1) + (c < rest % (classes - 1) ? 1 : 0);
        }
        Random random = new Random(seed);
        float[][] centers = new float[classes][FEATURES];
        for (float[] center : centers) {
            for (int d = 0; d < FEATURES; d++) {
                center[d] = (float) (random.nextGaussian() * 1.5);
            }
        }
        int[] labels = new int[samples];
        int at = 0;
        for (int c = 0; c < classes; c++) {
            Arrays.fill(labels, at, at + perClass[c], c);
            at += perClass[c];
        }
        for (int i = samples - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        float[][] features = new float[samples][FEATURES];
        for (int i = 0; i < samples; i++) {
            for (int d = 0; d < FEATURES; d++) {
                features[i][d] = centers[labels[i]][d] + (float) random.nextGaussian();
            }
        }
        return new SyntheticClasses(features, labels, classes);
    }

    /** Counts of each class id among {@code labels[from, to)}. */
    long[] counts(int from, int to) {
        long[] counts = new long[classes];
        for (int i = from; i < to; i++) {
            counts[labels[i]]++;
        }
        return counts;
    }
}
