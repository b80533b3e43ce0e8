package dev.skewguard.it.tensorflow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * examples/tensorflow run in a child JVM (its classes plus the class path Maven wrote to target/classpath.txt), and
 * what it printed: the "ran:" line with the true label counts of the batches it trained and evaluated on.
 */
final class TensorflowExampleRun {
    static final String MAIN = "dev.skewguard.examples.tensorflow.TensorflowExample";
    /** Loading TensorFlow's native library takes a few seconds of each JVM start. */
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    final ChildResult result;

    private TensorflowExampleRun(ChildResult result) {
        this.result = result;
    }

    static TensorflowExampleRun run(String agentArgs, String... args) throws IOException, InterruptedException {
        ChildJvm child = ChildJvm.on(Jdk.current()).main(ItPaths.exampleClasspath("tensorflow"), MAIN).args(args)
                .env("TF_CPP_MIN_LOG_LEVEL", "2");
        if (agentArgs != null) {
            child.agent(agentArgs);
        }
        return new TensorflowExampleRun(child.run(TIMEOUT));
    }

    /** The example without the agent, not yet started (to attach the agent while it trains). */
    static ChildJvm withoutAgent(String... args) throws IOException {
        return ChildJvm.on(Jdk.current()).main(ItPaths.exampleClasspath("tensorflow"), MAIN).args(args)
                .env("TF_CPP_MIN_LOG_LEVEL", "2");
    }

    /** What a run of the example printed. */
    static TensorflowExampleRun of(ChildResult result) {
        return new TensorflowExampleRun(result);
    }

    /** Class id to count from the "ran:" line, for "train" or "eval"; zero counts left out, as the collector does. */
    Map<Integer, Long> ranCounts(String mode) {
        return result.ranLabelCounts(mode);
    }

    /** Epochs the program completed, from its last "epoch N:" line (0 if none). */
    int completedEpochs() {
        int epochs = 0;
        Matcher m = Pattern.compile("(?m)^epoch (\\d+):").matcher(result.stdout());
        while (m.find()) {
            epochs = Integer.parseInt(m.group(1));
        }
        return epochs;
    }

    boolean hasResult() {
        return result.printedResult();
    }

    void assertCompleted() {
        assertTrue(hasResult() && result.exitCode() == 0, result.describe());
    }
}
