package dev.skewguard.examples.plain;

import java.util.Random;

/**
 * Seeded synthetic classification data: each class is a Gaussian blob around its own centroid. The last class is
 * the minority and gets {@code minorityFraction} of the samples; the other classes share the rest equally.
 */
public final class SyntheticData {
    public final double[][] features;
    public final int[] labels;
    public final int classes;

    private SyntheticData(double[][] features, int[] labels, int classes) {
        this.features = features;
        this.labels = labels;
        this.classes = classes;
    }

    /** {@code seed} places the class centroids (share it between training and evaluation sets); {@code
     * sampleSeed} draws the samples. */
    public static SyntheticData generate(int samples, int classes, int featureCount, double minorityFraction,
                                         long seed, long sampleSeed) {
        Random random = new Random(sampleSeed);
        double[][] centroids = new double[classes][featureCount];
        Random centroidRandom = new Random(seed);
        for (double[] centroid : centroids) {
            for (int f = 0; f < featureCount; f++) {
                centroid[f] = 2.0 * centroidRandom.nextGaussian();
            }
        }
        int[] perClass = classSizes(samples, classes, minorityFraction);
        int[] labels = new int[samples];
        int at = 0;
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass[c]; i++) {
                labels[at++] = c;
            }
        }
        for (int i = samples - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        double[][] features = new double[samples][featureCount];
        for (int i = 0; i < samples; i++) {
            for (int f = 0; f < featureCount; f++) {
                features[i][f] = centroids[labels[i]][f] + random.nextGaussian();
            }
        }
        return new SyntheticData(features, labels, classes);
    }

    /** Exact class sizes: the last class gets round(samples * minorityFraction), the others split the rest. */
    static int[] classSizes(int samples, int classes, double minorityFraction) {
        int[] sizes = new int[classes];
        int minority = (int) Math.round(samples * minorityFraction);
        sizes[classes - 1] = minority;
        int rest = samples - minority;
        for (int c = 0; c < classes - 1; c++) {
            sizes[c] = rest / (classes - 1) + (c < rest % (classes - 1) ? 1 : 0);
        }
        return sizes;
    }

    public int size() {
        return labels.length;
    }

    public long[] classCounts() {
        long[] counts = new long[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
