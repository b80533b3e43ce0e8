package dev.skewguard.it.djl;

import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The DJL example program (examples/djl) run in a child JVM, with or without the shaded agent jar, and what it
 * printed: its own label counts per mode, the last epoch it finished, its result line. The program's output is
 * read from standard output only; the agent's lines go to standard error, kept apart so that one cannot land in
 * the middle of the other's line.
 */
final class DjlExampleRun {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern FINAL_COUNTS =
            Pattern.compile("^final label counts \\((\\w+), (\\d+) batches\\): \\[([0-9, ]*)\\]$", Pattern.MULTILINE);
    private static final Pattern EPOCH_DONE = Pattern.compile("^epoch (\\d+)/(\\d+) done$", Pattern.MULTILINE);
    private static final Pattern RESULT = Pattern.compile("^result: .*$", Pattern.MULTILINE);

    private final ChildResult run;

    private DjlExampleRun(ChildResult run) {
        this.run = run;
    }

    /**
     * Runs the example; {@code agentOptions} null runs it without the agent.
     */
    static DjlExampleRun run(String agentOptions, Path workDir, String... exampleArgs) throws Exception {
        ChildJvm child = child(agentOptions, workDir)
                .main(ItPaths.exampleClasspath("djl"), "dev.skewguard.examples.djl.DjlTrainMain")
                .args(exampleArgs);
        return new DjlExampleRun(child.run(TIMEOUT));
    }

    /**
     * Runs the example with DJL and the example in a child class loader of the application loader (see
     * {@link ChildLoaderMain}); only this test module's classes are on the JVM's class path.
     */
    static DjlExampleRun runInChildLoader(String agentOptions, Path workDir, String... exampleArgs) throws Exception {
        String testClasses = Path.of(ChildLoaderMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        ChildJvm child = child(agentOptions, workDir)
                .main(testClasses, ChildLoaderMain.class.getName())
                .args(ItPaths.exampleClasspath("djl"), "dev.skewguard.examples.djl.DjlTrainMain")
                .args(exampleArgs);
        return new DjlExampleRun(child.run(TIMEOUT));
    }

    /** The example without the agent, not yet started (to attach the agent while it trains). */
    static ChildJvm withoutAgent(Path workDir, String... exampleArgs) throws Exception {
        return child(null, workDir).main(ItPaths.exampleClasspath("djl"), "dev.skewguard.examples.djl.DjlTrainMain")
                .args(exampleArgs);
    }

    /** What a run of the example printed. */
    static DjlExampleRun of(ChildResult result) {
        return new DjlExampleRun(result);
    }

    /** A child on this JDK, DJL offline, working in {@code workDir}. */
    private static ChildJvm child(String agentOptions, Path workDir) {
        ChildJvm child = ChildJvm.on(Jdk.current()).directory(workDir).env("DJL_OFFLINE", "true");
        return agentOptions == null ? child : child.agent(agentOptions);
    }

    int exitStatus() {
        return run.exitCode();
    }

    /** What the program printed on standard output. */
    String stdout() {
        return run.stdout();
    }

    /** Exit status and both streams, for assertion messages and for lines that may be on either stream. */
    String output() {
        return run.describe();
    }

    /** The program's own final count of true labels per class for the batches it ran in this mode. */
    long[] finalCounts(String mode) {
        Matcher m = FINAL_COUNTS.matcher(run.stdout());
        while (m.find()) {
            if (m.group(1).equals(mode)) {
                String list = m.group(3).trim();
                return list.isEmpty() ? new long[0]
                        : Arrays.stream(list.split(",\\s*")).mapToLong(Long::parseLong).toArray();
            }
        }
        throw new AssertionError("no final label counts for mode " + mode + " in:\n" + run.describe());
    }

    long finalBatches(String mode) {
        Matcher m = FINAL_COUNTS.matcher(run.stdout());
        while (m.find()) {
            if (m.group(1).equals(mode)) {
                return Long.parseLong(m.group(2));
            }
        }
        throw new AssertionError("no final label counts for mode " + mode + " in:\n" + run.describe());
    }

    /** The last epoch the program finished, 0 if none. */
    int lastEpochDone() {
        Matcher m = EPOCH_DONE.matcher(run.stdout());
        int last = 0;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    Optional<String> resultLine() {
        Matcher m = RESULT.matcher(run.stdout());
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** Lines the agent printed on standard error (its lines start with "[skewguard]"). */
    List<String> agentLines() {
        return run.stderrLines().stream().filter(line -> line.startsWith("[skewguard]")).collect(Collectors.toList());
    }
}
