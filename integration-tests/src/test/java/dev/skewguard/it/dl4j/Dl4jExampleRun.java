package dev.skewguard.it.dl4j;

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
 * examples/dl4j run in a child JVM (its classes plus the class path Maven wrote to target/classpath.txt), and what
 * it printed: the "ran:" line with the true label counts of the batches it completed, the epochs, the result.
 */
final class Dl4jExampleRun {
    static final String MAIN = "dev.skewguard.examples.dl4j.Dl4jExample";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern EPOCH = Pattern.compile("^epoch (\\d+)/(\\d+):");

    final ChildResult result;

    private Dl4jExampleRun(ChildResult result) {
        this.result = result;
    }

    /** Runs the example; {@code agentArgs} null means without the agent. */
    static Dl4jExampleRun run(String agentArgs, String... args) throws IOException, InterruptedException {
        ChildJvm child = ChildJvm.on(Jdk.current())
                // One native thread: steady timing on a busy machine, and the same arithmetic in every run.
                .env("OMP_NUM_THREADS", "1")
                .main(ItPaths.exampleClasspath("dl4j"), MAIN).args(args);
        if (agentArgs != null) {
            child.agent(agentArgs);
        }
        return new Dl4jExampleRun(child.run(TIMEOUT));
    }

    /** The example without the agent, not yet started (to attach the agent while it trains). */
    static ChildJvm withoutAgent(String... args) throws IOException {
        return ChildJvm.on(Jdk.current()).env("OMP_NUM_THREADS", "1").main(ItPaths.exampleClasspath("dl4j"), MAIN)
                .args(args);
    }

    /** What a run of the example printed. */
    static Dl4jExampleRun of(ChildResult result) {
        return new Dl4jExampleRun(result);
    }

    /** Class id to count from the "ran:" line, for "train" or "eval"; zero counts left out, as the collector does. */
    Map<Integer, Long> ranCounts(String mode) {
        return result.ranLabelCounts(mode);
    }

    long ranTrainBatches() {
        Matcher m = Pattern.compile("train batches (\\d+)").matcher(result.stdoutValue("ran: "));
        assertTrue(m.find(), result.describe());
        return Long.parseLong(m.group(1));
    }

    /** The last epoch the program finished (0 if none). */
    int lastEpochDone() {
        int last = 0;
        for (String line : result.stdoutLines()) {
            Matcher m = EPOCH.matcher(line);
            if (m.find()) {
                last = Integer.parseInt(m.group(1));
            }
        }
        return last;
    }

    boolean hasResult() {
        return result.printedResult();
    }
}
