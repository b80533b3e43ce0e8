package dev.skewguard.examples.spark;

import dev.skewguard.examples.common.ExampleCommandLine;
import dev.skewguard.examples.common.SyntheticClasses;
import dev.skewguard.examples.common.SyntheticDataOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.CRC32;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains an XGBoost4J-Spark classifier on seeded synthetic data, one XGBoost worker per Spark task, in local mode or
 * on a cluster ({@code --master}). It prints the Spark application id (the agent's default job id), the true
 * per-class label counts of the training set times the rounds (what the agent captures on the executors when the
 * training completes), and checksums of the model and of its validation predictions, so that a run with the agent
 * can be compared with one without.
 */
@Command(name = "spark-xgboost-example", mixinStandardHelpOptions = true,
        description = "Trains an XGBoost4J-Spark classifier on seeded synthetic data.")
public final class SparkXgboostExample implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SyntheticDataOptions data;

    @Option(names = "--master", defaultValue = "local[2]",
            description = "The Spark master URL (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--workers", defaultValue = "2",
            description = "XGBoost workers, one Spark task each (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--rounds", defaultValue = "5", description = "Boosting rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    public static void main(String[] args) {
        System.exit(ExampleCommandLine.execute("spark-xgboost-example", new SparkXgboostExample(), args));
    }

    @Override
    public Integer call() {
        if (rounds < 1 || workers < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rounds and --workers must be at least 1");
        }
        SyntheticClasses set = data.generate(spec);
        int trainSize = data.trainSize();
        long[] trainCounts = set.counts(0, trainSize);
        SparkSession spark = SparkSession.builder()
                .master(master)
                .appName("skewguard-spark-xgboost")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", Integer.toString(workers))
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            System.out.println("spark: application " + spark.sparkContext().applicationId() + ", master " + master
                    + ", " + workers + " workers");
            System.out.println("data: classes " + data.classes + ", train label counts "
                    + Arrays.toString(trainCounts) + ", rounds " + rounds);
            Dataset<Row> train = frame(spark, set, 0, trainSize).repartition(workers).cache();
            Dataset<Row> valid = frame(spark, set, trainSize, data.samples);

            XGBoostClassifier classifier = new XGBoostClassifier();
            classifier.setNumWorkers(workers);
            classifier.setNumRound(rounds);
            classifier.setObjective(data.classes == 2 ? "binary:logistic" : "multi:softprob");
            classifier.setEta(0.3);
            classifier.setMaxDepth(4);
            classifier.setSeed(data.seed);
            classifier.setNthread(1);
            classifier.setVerbosity(0);
            long started = System.nanoTime();
            XGBoostClassificationModel model = classifier.fit(train);
            System.err.printf("time: training %d ms%n", (System.nanoTime() - started) / 1_000_000);
            System.out.println("ran: rounds " + rounds + ", train label counts "
                    + Arrays.toString(times(trainCounts, rounds)));

            List<Row> predicted = model.transform(valid).orderBy("id").select("probability", "label").collectAsList();
            int correct = 0;
            CRC32 predictionsCrc = new CRC32();
            for (Row row : predicted) {
                double[] probabilities = ((Vector) row.get(0)).toArray();
                int best = 0;
                for (int c = 0; c < probabilities.length; c++) {
                    long bits = Double.doubleToRawLongBits(probabilities[c]);
                    for (int b = 0; b < 8; b++) {
                        predictionsCrc.update((int) (bits >>> (8 * b)) & 0xff);
                    }
                    best = probabilities[c] > probabilities[best] ? c : best;
                }
                correct += best == (int) row.getDouble(1) ? 1 : 0;
            }
            CRC32 modelCrc = new CRC32();
            modelCrc.update(model.nativeBooster().toByteArray("ubj"));
            System.out.printf("result: validation accuracy %.6f, predictions crc32 %08x, model crc32 %08x%n",
                    (double) correct / predicted.size(), predictionsCrc.getValue(), modelCrc.getValue());
            return 0;
        } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
            throw new IllegalStateException(e);
        } finally {
            spark.stop();
        }
    }

    /** Rows {@code [from, to)} of the set as a DataFrame: id, label (double), features (a dense vector). */
    private static Dataset<Row> frame(SparkSession spark, SyntheticClasses set, int from, int to) {
        List<Row> rows = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            double[] features = new double[SyntheticClasses.FEATURES];
            for (int d = 0; d < features.length; d++) {
                features[d] = set.features[i][d];
            }
            rows.add(RowFactory.create(i, (double) set.labels[i], Vectors.dense(features)));
        }
        StructType schema = new StructType(new StructField[] {
                new StructField("id", DataTypes.IntegerType, false, Metadata.empty()),
                new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
                new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty())});
        return spark.createDataFrame(rows, schema);
    }

    private static long[] times(long[] counts, long factor) {
        long[] result = new long[counts.length];
        for (int c = 0; c < counts.length; c++) {
            result[c] = counts[c] * factor;
        }
        return result;
    }
}
