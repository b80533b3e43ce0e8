package dev.skewguard.it.releases;

import dev.skewguard.it.support.ChildResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One end of a framework's supported range: an example program built against that release (examples/&lt;name&gt; or
 * examples/releases/&lt;name&gt;, each with its own target/classpath.txt), the arguments of a short run, and how the
 * agent names that release in its debug line.
 */
enum ReleaseEnd {
    DJL_0_28_0("DJL", "0.28.0", "releases/djl-0.28.0", "dev.skewguard.examples.djl.DjlTrainMain",
            "ai.djl:api", "--epochs", "2"),
    DJL_0_36_0("DJL", "0.36.0", "releases/djl-0.36.0", "dev.skewguard.examples.djl.DjlTrainMain",
            "ai.djl:api", "--epochs", "2"),
    DL4J_1_0_0_BETA7("DL4J", "1.0.0-beta7", "releases/dl4j-1.0.0-beta7", "dev.skewguard.examples.dl4j.Dl4jExample",
            "org.deeplearning4j:deeplearning4j-nn", "--epochs", "2"),
    DL4J_1_0_0_M2_1("DL4J", "1.0.0-M2.1", "dl4j", "dev.skewguard.examples.dl4j.Dl4jExample",
            "org.deeplearning4j:deeplearning4j-nn", "--epochs", "2"),
    XGBOOST_1_7_6("XGBoost4J", "1.7.6", "releases/xgboost-1.7.6", "dev.skewguard.examples.xgboost.XgboostExample",
            "ml.dmlc:xgboost4j_2.12", "--rounds", "10"),
    XGBOOST_3_4_0("XGBoost4J", "3.4.0", "releases/xgboost-3.4.0", "dev.skewguard.examples.xgboost.XgboostExample",
            "ml.dmlc:xgboost4j_2.12", "--rounds", "10"),
    TENSORFLOW_1_0_0("TensorFlow Java", "1.0.0", "releases/tensorflow-1.0.0",
            "dev.skewguard.examples.tensorflow.TensorflowExample", "org.tensorflow:tensorflow-core-api",
            "--epochs", "2"),
    TENSORFLOW_1_1_0("TensorFlow Java", "1.1.0", "tensorflow", "dev.skewguard.examples.tensorflow.TensorflowExample",
            "org.tensorflow:tensorflow-core-api", "--epochs", "2");

    /** DJL's example prints "final label counts (train, 50 batches): [402, 395, 407, 396]". */
    private static final Pattern DJL_COUNTS =
            Pattern.compile("^final label counts \\((\\w+), \\d+ batches\\): \\[([0-9, ]*)\\]$", Pattern.MULTILINE);

    final String framework;
    final String release;
    final String example;
    final String mainClass;
    final String coordinates;
    final List<String> args;

    ReleaseEnd(String framework, String release, String example, String mainClass, String coordinates,
               String... args) {
        this.framework = framework;
        this.release = release;
        this.example = example;
        this.mainClass = mainClass;
        this.coordinates = coordinates;
        this.args = List.of(args);
    }

    /** The agent's debug line for this release: found, in the range, every member there. */
    String supportedLine() {
        return "[skewguard] DEBUG " + framework + " " + release + " (" + coordinates + ") is supported";
    }

    /**
     * The true label counts (class id to count, zero counts left out as the collector does) of the batches the
     * program says it ran in {@code mode}, "train" or "eval".
     */
    Map<Integer, Long> programCounts(ChildResult result, String mode) {
        if (framework.equals("DJL")) {
            Matcher m = DJL_COUNTS.matcher(result.stdout());
            while (m.find()) {
                if (m.group(1).equals(mode)) {
                    Map<Integer, Long> counts = new TreeMap<>();
                    String[] parts = m.group(2).split(",\\s*");
                    for (int c = 0; c < parts.length; c++) {
                        long count = Long.parseLong(parts[c].trim());
                        if (count > 0) {
                            counts.put(c, count);
                        }
                    }
                    return counts;
                }
            }
            throw new AssertionError("no final label counts for " + mode + " in:\n" + result.describe());
        }
        return result.ranLabelCounts(mode);
    }

    @Override
    public String toString() {
        return framework + " " + release;
    }
}
