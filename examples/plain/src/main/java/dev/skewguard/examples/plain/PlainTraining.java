package dev.skewguard.examples.plain;

import dev.skewguard.examples.common.ExampleCommandLine;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A plain-Java training loop (no framework): seeded synthetic data, multinomial logistic regression, mini-batch
 * gradient descent, an evaluation pass per epoch. It prints the true per-class label counts it passed to training
 * and evaluation, and a deterministic result line, so that runs with and without the agent can be compared.
 */
@Command(name = "plain-training", mixinStandardHelpOptions = true,
        description = "Trains a softmax regression on seeded synthetic data.")
public final class PlainTraining implements Callable<Integer> {
    @Option(names = "--classes", defaultValue = "3", description = "Number of classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--minority-fraction", defaultValue = "0.2",
            description = "Share of the samples in the last (minority) class (default: ${DEFAULT-VALUE}).")
    double minorityFraction;

    @Option(names = "--samples", defaultValue = "2000", description = "Training samples (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--features", defaultValue = "8", description = "Features per sample (default: ${DEFAULT-VALUE}).")
    int features;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "50", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.1", description = "Step size (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-delay-ms", defaultValue = "0",
            description = "Sleep after each training batch, to make a run last (demos, tests).")
    long batchDelayMs;

    @Option(names = "--ignore-errors",
            description = "Catch and count exceptions thrown by a training or evaluation batch and go on (an"
                    + " application that swallows errors).")
    boolean ignoreErrors;

    public static void main(String[] args) {
        System.exit(ExampleCommandLine.execute("plain-training", new PlainTraining(), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (classes < 2 || samples < classes || batchSize < 1 || epochs < 0 || features < 1
                || !(minorityFraction >= 0 && minorityFraction <= 1)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "need --classes >= 2, --samples >= classes, --batch-size >= 1, --features >= 1,"
                            + " --minority-fraction in [0, 1]");
        }
        SyntheticData train = SyntheticData.generate(samples, classes, features, minorityFraction, seed, seed + 1);
        SyntheticData eval = SyntheticData.generate(Math.max(classes, samples / 4), classes, features,
                minorityFraction, seed, seed + 2);
        System.out.println("data: " + train.size() + " training samples, " + classes + " classes, label counts "
                + counts(train.classCounts()));

        SoftmaxRegression model = new SoftmaxRegression(classes, features, learningRate);
        long[] trainLabels = new long[classes];
        long[] evalLabels = new long[classes];
        long trainBatches = 0;
        long evalBatches = 0;
        long errors = 0;
        double lastLoss = Double.NaN;
        double lastAccuracy = Double.NaN;
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                double loss = 0;
                double[] batchLoss = new double[1];
                for (int start = 0; start < train.size(); start += batchSize) {
                    int end = Math.min(train.size(), start + batchSize);
                    double[][] x = slice(train.features, start, end);
                    int[] y = slice(train.labels, start, end);
                    if (batchDelayMs > 0) {
                        Thread.sleep(batchDelayMs);
                    }
                    try {
                        model.trainBatch(x, y, batchLoss);
                    } catch (RuntimeException e) {
                        if (!ignoreErrors) {
                            throw e;
                        }
                        errors++;
                        continue;
                    }
                    trainBatches++;
                    for (int label : y) {
                        trainLabels[label]++;
                    }
                    loss += batchLoss[0];
                }
                int correct = 0;
                for (int start = 0; start < eval.size(); start += batchSize) {
                    int end = Math.min(eval.size(), start + batchSize);
                    int[] y = slice(eval.labels, start, end);
                    double[][] p;
                    try {
                        p = model.evaluateBatch(y, slice(eval.features, start, end));
                    } catch (RuntimeException e) {
                        if (!ignoreErrors) {
                            throw e;
                        }
                        errors++;
                        continue;
                    }
                    evalBatches++;
                    for (int i = 0; i < y.length; i++) {
                        evalLabels[y[i]]++;
                        if (SoftmaxRegression.argmax(p[i]) == y[i]) {
                            correct++;
                        }
                    }
                }
                lastLoss = loss / train.size();
                lastAccuracy = (double) correct / eval.size();
                System.out.println(String.format(Locale.ROOT, "epoch %d: loss %.6f, eval accuracy %.4f", epoch,
                        lastLoss, lastAccuracy));
            }
        } finally {
            // Where a real job would save a checkpoint: runs even when the agent stops the job by throwing.
            System.out.println("train labels: " + counts(trainLabels) + " in " + trainBatches + " batches");
            System.out.println("eval labels: " + counts(evalLabels) + " in " + evalBatches + " batches");
            if (errors > 0) {
                System.out.println("batches that failed: " + errors);
            }
        }
        System.out.println(String.format(Locale.ROOT, "result: loss %.6f, eval accuracy %.4f, weights %016x",
                lastLoss, lastAccuracy, model.weightsChecksum()));
        return 0;
    }

    static String counts(long[] perClass) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < perClass.length; c++) {
            s.append(c == 0 ? "" : " ").append(c).append('=').append(perClass[c]);
        }
        return s.toString();
    }

    private static double[][] slice(double[][] a, int start, int end) {
        double[][] out = new double[end - start][];
        System.arraycopy(a, start, out, 0, end - start);
        return out;
    }

    private static int[] slice(int[] a, int start, int end) {
        int[] out = new int[end - start];
        System.arraycopy(a, start, out, 0, end - start);
        return out;
    }
}
