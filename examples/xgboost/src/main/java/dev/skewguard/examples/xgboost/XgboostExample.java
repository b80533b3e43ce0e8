package dev.skewguard.examples.xgboost;

import dev.skewguard.examples.common.BatchDelayOptions;
import dev.skewguard.examples.common.ExampleCommandLine;
import dev.skewguard.examples.common.SyntheticClasses;
import dev.skewguard.examples.common.SyntheticDataOptions;
import dev.skewguard.examples.common.TrainingTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.CRC32;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains a small XGBoost4J classifier on seeded synthetic data, watching a validation matrix every round. It prints
 * the true per-class label counts of the rounds it has completed as it goes (each round sees the whole training
 * matrix, and evaluates the whole validation matrix), so they can be compared with what an observer counted.
 */
@Command(name = "xgboost-example", mixinStandardHelpOptions = true,
        description = "Trains a small XGBoost4J classifier on seeded synthetic data.")
public final class XgboostExample implements Callable<Integer> {

    /** How the rounds are driven: one XGBoost.train call, or a loop of Booster#update and Booster#evalSet. */
    enum Api { loop, train }

    @Spec
    CommandSpec spec;

    @Mixin
    SyntheticDataOptions data;

    /** With --api loop: a pause after each boosting round. */
    @Mixin
    BatchDelayOptions delay;

    @Option(names = "--rounds", defaultValue = "20", description = "Boosting rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--api", defaultValue = "loop", description = "loop: a Booster#update/#evalSet loop that prints "
            + "progress every round; train: one XGBoost.train call (default: ${DEFAULT-VALUE}).")
    Api api;

    public static void main(String[] args) {
        System.exit(ExampleCommandLine.execute("xgboost-example", new XgboostExample(), args));
    }

    @Override
    public Integer call() throws XGBoostError {
        if (rounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rounds must be at least 1, was " + rounds);
        }
        SyntheticClasses set = data.generate(spec);
        int trainSize = data.trainSize();
        long[] trainRoundCounts = set.counts(0, trainSize);
        long[] validRoundCounts = set.counts(trainSize, data.samples);
        DMatrix train = matrix(set, 0, trainSize);
        DMatrix valid = matrix(set, trainSize, data.samples);
        System.out.println("data: classes " + data.classes + ", objective " + objective()
                + ", train label counts " + Arrays.toString(trainRoundCounts)
                + ", validation label counts " + Arrays.toString(validRoundCounts) + ", api " + api);

        Map<String, DMatrix> watches = new LinkedHashMap<>();
        watches.put("train", train);
        watches.put("valid", valid);
        Booster booster;
        long completed = 0;
        TrainingTime time = TrainingTime.start();
        if (api == Api.train) {
            booster = XGBoost.train(train, params(), rounds, watches, null, null);
            completed = rounds;
        } else {
            booster = XGBoost.train(train, params(), 0, watches, null, null);
            DMatrix[] evalMatrices = watches.values().toArray(new DMatrix[0]);
            String[] evalNames = watches.keySet().toArray(new String[0]);
            try {
                for (int round = 0; round < rounds; round++) {
                    booster.update(train, round);
                    String metrics = booster.evalSet(evalMatrices, evalNames, round);
                    completed++;
                    System.out.println("round " + round + ":" + metrics.replaceFirst("^\\[\\d+\\]", "")
                            + ", " + progress(completed, trainRoundCounts, validRoundCounts));
                    delay.pause();
                }
            } finally {
                // Printed however training ends (also when something stops it), for comparison with an observer.
                System.out.println("ran: " + progress(completed, trainRoundCounts, validRoundCounts));
            }
        }
        if (api == Api.train) {
            System.out.println("ran: " + progress(completed, trainRoundCounts, validRoundCounts));
        }
        time.print();
        float[][] predictions = booster.predict(valid);
        System.out.printf("result: validation accuracy %.6f, predictions crc32 %08x, model crc32 %08x%n",
                accuracy(predictions, set.labels, trainSize), checksum(predictions), checksum(booster.toByteArray("ubj")));
        return 0;
    }

    private String objective() {
        return data.classes == 2 ? "binary:logistic" : "multi:softprob";
    }

    private Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", objective());
        if (data.classes > 2) {
            params.put("num_class", data.classes);
        }
        params.put("eta", 0.3);
        params.put("max_depth", 4);
        params.put("seed", data.seed);
        params.put("nthread", 1);
        params.put("verbosity", 0);
        return params;
    }

    private static DMatrix matrix(SyntheticClasses set, int from, int to) throws XGBoostError {
        float[] flat = new float[(to - from) * SyntheticClasses.FEATURES];
        float[] labels = new float[to - from];
        for (int i = from; i < to; i++) {
            System.arraycopy(set.features[i], 0, flat, (i - from) * SyntheticClasses.FEATURES, SyntheticClasses.FEATURES);
            labels[i - from] = set.labels[i];
        }
        DMatrix matrix = new DMatrix(flat, to - from, SyntheticClasses.FEATURES, Float.NaN);
        matrix.setLabel(labels);
        return matrix;
    }

    private static String progress(long rounds, long[] trainRoundCounts, long[] validRoundCounts) {
        return "rounds " + rounds + ", train label counts " + Arrays.toString(times(trainRoundCounts, rounds))
                + ", eval label counts " + Arrays.toString(times(validRoundCounts, rounds));
    }

    private static long[] times(long[] counts, long factor) {
        long[] result = new long[counts.length];
        for (int c = 0; c < counts.length; c++) {
            result[c] = counts[c] * factor;
        }
        return result;
    }

    private static double accuracy(float[][] predictions, int[] labels, int offset) {
        int correct = 0;
        for (int i = 0; i < predictions.length; i++) {
            if (predictedClass(predictions[i]) == labels[offset + i]) {
                correct++;
            }
        }
        return (double) correct / predictions.length;
    }

    private static int predictedClass(float[] row) {
        if (row.length == 1) {
            return row[0] > 0.5f ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    private static long checksum(float[][] values) {
        CRC32 crc = new CRC32();
        for (float[] row : values) {
            for (float value : row) {
                int bits = Float.floatToRawIntBits(value);
                crc.update(new byte[] {(byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)});
            }
        }
        return crc.getValue();
    }

    private static long checksum(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
