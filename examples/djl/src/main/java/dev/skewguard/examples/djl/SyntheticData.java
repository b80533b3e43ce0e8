package dev.skewguard.examples.djl;

import java.util.Random;

/**
 * A seeded, deterministic classification data set: one well separated Gaussian cluster per class.
 *
 * <p>The last class is the minority class: it gets {@code minorityFraction} of the samples and the other classes
 * share the rest equally. Rows are shuffled once with the seed, so every batch holds a mix of classes.
 */
final class SyntheticData {
    /** Feature dimension above the class count: a few pure-noise features. */
    private static final int EXTRA_FEATURES = 4;
    /** Distance of each class centre from the origin, in units of the noise's standard deviation. */
    private static final float CENTRE_SCALE = 4f;

    final int classes;
    final int features;
    final float[] x; // row-major samples x features
    final float[] y; // class ids as float32, as DJL's SoftmaxCrossEntropyLoss expects

    private SyntheticData(int classes, int features, float[] x, float[] y) {
        this.classes = classes;
        this.features = features;
        this.x = x;
        this.y = y;
    }

    int size() {
        return y.length;
    }

    static SyntheticData generate(int samples, int classes, double minorityFraction, long seed) {
        int[] perClass = classSizes(samples, classes, minorityFraction);
        int features = classes + EXTRA_FEATURES;
        int[] labels = new int[samples];
        int row = 0;
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass[c]; i++) {
                labels[row++] = c;
            }
        }
        Random random = new Random(seed);
        for (int i = samples - 1; i > 0; i--) { // Fisher-Yates
            int j = random.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        float[] x = new float[samples * features];
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            y[i] = labels[i];
            for (int f = 0; f < features; f++) {
                float centre = f == labels[i] ? CENTRE_SCALE : 0f;
                x[i * features + f] = centre + (float) random.nextGaussian();
            }
        }
        return new SyntheticData(classes, features, x, y);
    }

    /** Samples per class: the last class gets {@code round(samples * minorityFraction)}, at least one. */
    static int[] classSizes(int samples, int classes, double minorityFraction) {
        int minority = (int) Math.max(1, Math.round(samples * minorityFraction));
        int rest = samples - minority;
        int[] sizes = new int[classes];
        for (int c = 0; c < classes - 1; c++) {
            sizes[c] = rest / (classes - 1) + (c < rest % (classes - 1) ? 1 : 0);
        }
        sizes[classes - 1] = minority;
        return sizes;
    }

    /** Rows [from, to) of this set, as a new set (the split keeps the shuffled order). */
    SyntheticData slice(int from, int to) {
        float[] xs = new float[(to - from) * features];
        float[] ys = new float[to - from];
        System.arraycopy(x, from * features, xs, 0, xs.length);
        System.arraycopy(y, from, ys, 0, ys.length);
        return new SyntheticData(classes, features, xs, ys);
    }
}
