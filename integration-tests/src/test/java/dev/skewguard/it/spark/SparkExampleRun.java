package dev.skewguard.it.spark;

import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * examples/spark-xgboost run as a Spark driver in a child JVM (its classes plus target/classpath.txt, with the JDK 17
 * module options of examples/spark-xgboost/spark-jvm-options.txt), and what it printed: the application id, the
 * "ran:" line (the training set's label counts times the rounds) and the "result:" line (model and prediction
 * checksums).
 */
final class SparkExampleRun {
    static final String MAIN = "dev.skewguard.examples.spark.SparkXgboostExample";
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    final ChildResult result;

    private SparkExampleRun(ChildResult result) {
        this.result = result;
    }

    /** The JVM options Spark 3.5 needs on JDK 17+, one per line in the example's spark-jvm-options.txt. */
    static List<String> jvmOptions() throws IOException {
        Path file = ItPaths.existing("skewguard.it.examplesDir", "../examples").resolve("spark-xgboost")
                .resolve("spark-jvm-options.txt");
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                options.add(line.trim());
            }
        }
        return options;
    }

    static String classpath() throws IOException {
        return ItPaths.exampleClasspath("spark-xgboost");
    }

    /**
     * Runs the driver; {@code agentArgs} null means without the agent. {@code sparkConf} become system properties
     * (Spark reads {@code spark.*} ones as its configuration), as {@code --conf} would with spark-submit.
     */
    static SparkExampleRun run(String agentArgs, Map<String, String> sparkConf, String... args)
            throws IOException, InterruptedException {
        return runExample("spark-xgboost", agentArgs, sparkConf, args);
    }

    /** {@link #run}, of the example built as {@code examples/<example>} (e.g. {@code releases/spark-xgboost-3.4.0}). */
    static SparkExampleRun runExample(String example, String agentArgs, Map<String, String> sparkConf, String... args)
            throws IOException, InterruptedException {
        ChildJvm child = ChildJvm.on(Jdk.current()).main(ItPaths.exampleClasspath(example), MAIN).args(args)
                .env("SPARK_LOCAL_IP", "127.0.0.1");
        for (String option : jvmOptions()) {
            child.jvmArg(option);
        }
        sparkConf.forEach(child::systemProperty);
        if (agentArgs != null) {
            child.agent(agentArgs);
        }
        return new SparkExampleRun(child.run(TIMEOUT));
    }

    /** The Spark application id the driver printed. */
    String applicationId() {
        String line = result.stdoutValue("spark: application ");
        return line.substring(0, line.indexOf(','));
    }

    /** The result line: accuracy, predictions and model checksums. */
    String resultLine() {
        return result.stdoutValue("result: ");
    }
}
