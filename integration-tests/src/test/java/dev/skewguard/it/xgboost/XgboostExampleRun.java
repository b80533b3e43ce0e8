package dev.skewguard.it.xgboost;

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
 * examples/xgboost run in a child JVM (its classes plus the class path Maven wrote to target/classpath.txt), and
 * what it printed: the "ran:" line with the true label counts of the rounds it completed, and the result.
 */
final class XgboostExampleRun {
    static final String MAIN = "dev.skewguard.examples.xgboost.XgboostExample";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    final ChildResult result;

    private XgboostExampleRun(ChildResult result) {
        this.result = result;
    }

    /** Runs the example; {@code agentArgs} null means without the agent. */
    static XgboostExampleRun run(String agentArgs, String everyRounds, String... args)
            throws IOException, InterruptedException {
        ChildJvm child = ChildJvm.on(Jdk.current()).main(ItPaths.exampleClasspath("xgboost"), MAIN).args(args);
        if (agentArgs != null) {
            child.agent(agentArgs);
        }
        if (everyRounds != null) {
            child.systemProperty("skewguard.xgboost_every", everyRounds);
        }
        return new XgboostExampleRun(child.run(TIMEOUT));
    }

    /** The example on {@code jdk} without the agent, not yet started (to attach the agent while it trains). */
    static ChildJvm withoutAgent(Jdk jdk, String... args) throws IOException {
        return ChildJvm.on(jdk).main(ItPaths.exampleClasspath("xgboost"), MAIN).args(args);
    }

    /** What a run of the example printed. */
    static XgboostExampleRun of(ChildResult result) {
        return new XgboostExampleRun(result);
    }

    /** Class id to count from the "ran:" line, for "train" or "eval"; zero counts left out, as the collector does. */
    Map<Integer, Long> ranCounts(String mode) {
        return result.ranLabelCounts(mode);
    }

    /** Rounds the program completed, from its "ran:" line. */
    int ranRounds() {
        Matcher m = Pattern.compile("rounds (\\d+)").matcher(result.stdoutValue("ran: "));
        assertTrue(m.find(), result.describe());
        return Integer.parseInt(m.group(1));
    }

    boolean hasResult() {
        return result.printedResult();
    }
}
