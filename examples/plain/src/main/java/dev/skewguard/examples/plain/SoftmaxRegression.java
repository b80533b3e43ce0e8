package dev.skewguard.examples.plain;

/**
 * Multinomial logistic regression trained with mini-batch gradient descent. {@link #trainBatch} and
 * {@link #evaluateBatch} are where labels and predictions meet once per batch: the agent's {@code methods} option
 * names them, e.g.
 * {@code dev.skewguard.examples.plain.SoftmaxRegression#trainBatch:labels=arg1,predictions=return}.
 */
public final class SoftmaxRegression {
    private final int classes;
    private final int features;
    private final double learningRate;
    /** [class][feature], the last column is the bias. */
    private final double[][] weights;

    public SoftmaxRegression(int classes, int features, double learningRate) {
        this.classes = classes;
        this.features = features;
        this.learningRate = learningRate;
        this.weights = new double[classes][features + 1];
    }

    /**
     * One gradient step on a batch. Returns the classes the model predicted for the batch before the step, as int
     * class ids. {@code lossOut[0]} receives the batch's summed cross-entropy.
     */
    public int[] trainBatch(double[][] x, int[] y, double[] lossOut) {
        int n = x.length;
        double[][] gradient = new double[classes][features + 1];
        int[] predicted = new int[n];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double[] p = probabilities(x[i]);
            predicted[i] = argmax(p);
            loss -= Math.log(Math.max(p[y[i]], 1e-12));
            for (int c = 0; c < classes; c++) {
                double error = p[c] - (c == y[i] ? 1 : 0);
                for (int f = 0; f < features; f++) {
                    gradient[c][f] += error * x[i][f];
                }
                gradient[c][features] += error;
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int f = 0; f <= features; f++) {
                weights[c][f] -= learningRate * gradient[c][f] / n;
            }
        }
        lossOut[0] = loss;
        return predicted;
    }

    /** Class probabilities for a batch, one row per sample; {@code labels} are only passed through for capture. */
    public double[][] evaluateBatch(int[] labels, double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = probabilities(x[i]);
        }
        return out;
    }

    double[] probabilities(double[] x) {
        double[] logits = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double z = weights[c][features];
            for (int f = 0; f < features; f++) {
                z += weights[c][f] * x[f];
            }
            logits[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            logits[c] = Math.exp(logits[c] - max);
            sum += logits[c];
        }
        for (int c = 0; c < classes; c++) {
            logits[c] /= sum;
        }
        return logits;
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** A checksum of the weights that changes with any bit of them (for comparing runs). */
    public long weightsChecksum() {
        long h = 1125899906842597L;
        for (double[] row : weights) {
            for (double w : row) {
                h = 31 * h + Double.doubleToLongBits(w);
            }
        }
        return h;
    }
}
