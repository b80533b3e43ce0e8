package dev.skewguard.it.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
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
                .main(classpath(), MAIN).args(args);
        if (agentArgs != null) {
            child.agent(agentArgs);
        }
        return new Dl4jExampleRun(child.run(TIMEOUT));
    }

    static String classpath() throws IOException {
        Path target = ItPaths.existing("skewguard.it.dl4jExample", "../examples/dl4j/target");
        Path classpathFile = target.resolve("classpath.txt");
        assertTrue(Files.exists(classpathFile), classpathFile + " is missing: build examples/dl4j first");
        return target.resolve("classes") + java.io.File.pathSeparator + Files.readString(classpathFile).trim();
    }

    /** Class id to count from the "ran:" line, for "train" or "eval"; zero counts left out, as the collector does. */
    Map<Integer, Long> ranCounts(String mode) {
        return counts(result.stdoutValue("ran: "), mode);
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
        return result.stdoutLines().stream().anyMatch(l -> l.startsWith("result: "));
    }

    static Map<Integer, Long> counts(String line, String mode) {
        Matcher m = Pattern.compile(mode + " label counts \\[([0-9, ]*)\\]").matcher(line);
        assertTrue(m.find(), "no " + mode + " label counts in: " + line);
        Map<Integer, Long> counts = new TreeMap<>();
        String[] parts = m.group(1).split(",\\s*");
        for (int c = 0; c < parts.length; c++) {
            long count = Long.parseLong(parts[c].trim());
            if (count > 0) {
                counts.put(c, count);
            }
        }
        return counts;
    }
}
