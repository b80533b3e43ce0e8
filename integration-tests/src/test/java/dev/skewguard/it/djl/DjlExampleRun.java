package dev.skewguard.it.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DJL example program (examples/djl) run in a child JVM, with or without the shaded agent jar, and what it
 * printed: its own label counts per mode, the last epoch it finished, its result line.
 */
final class DjlExampleRun {
    private static final Pattern FINAL_COUNTS =
            Pattern.compile("^final label counts \\((\\w+), (\\d+) batches\\): \\[([0-9, ]*)\\]$", Pattern.MULTILINE);
    private static final Pattern EPOCH_DONE = Pattern.compile("^epoch (\\d+)/(\\d+) done$", Pattern.MULTILINE);
    private static final Pattern RESULT = Pattern.compile("^result: .*$", Pattern.MULTILINE);

    final ChildRun run;

    private DjlExampleRun(ChildRun run) {
        this.run = run;
    }

    static Path agentJar() {
        Path jar = Path.of(System.getProperty("skewguard.it.agentJar", "../agent/target/skewguard-agent.jar"));
        assertTrue(Files.isRegularFile(jar), "shaded agent jar missing (build the agent module first): " + jar);
        return jar.toAbsolutePath().normalize();
    }

    static String exampleClassPath() throws IOException {
        Path target = Path.of(System.getProperty("skewguard.it.examplesDir", "../examples"), "djl", "target");
        Path classpathFile = target.resolve("classpath.txt");
        assertTrue(Files.isRegularFile(classpathFile), "examples/djl not built: " + classpathFile);
        return target.resolve("classes").toAbsolutePath().normalize() + java.io.File.pathSeparator
                + Files.readString(classpathFile).trim();
    }

    /**
     * Runs the example; {@code agentOptions} null runs it without the agent.
     */
    static DjlExampleRun run(String agentOptions, Path workDir, String... exampleArgs) throws Exception {
        List<String> command = ChildRun.javaCommand();
        if (agentOptions != null) {
            command.add("-javaagent:" + agentJar() + "=" + agentOptions);
        }
        command.add("-cp");
        command.add(exampleClassPath());
        command.add("dev.skewguard.examples.djl.DjlTrainMain");
        command.addAll(Arrays.asList(exampleArgs));
        return new DjlExampleRun(ChildRun.run(command, workDir, Map.of(), 180));
    }

    /**
     * Runs the example with DJL and the example in a child class loader of the application loader (see
     * {@link ChildLoaderMain}); only this test module's classes are on the JVM's class path.
     */
    static DjlExampleRun runInChildLoader(String agentOptions, Path workDir, String... exampleArgs) throws Exception {
        List<String> command = ChildRun.javaCommand();
        command.add("-javaagent:" + agentJar() + "=" + agentOptions);
        command.add("-cp");
        command.add(Path.of(ChildLoaderMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString());
        command.add(ChildLoaderMain.class.getName());
        command.add(exampleClassPath());
        command.add("dev.skewguard.examples.djl.DjlTrainMain");
        command.addAll(Arrays.asList(exampleArgs));
        return new DjlExampleRun(ChildRun.run(command, workDir, Map.of(), 180));
    }

    int exitStatus() {
        return run.exitStatus();
    }

    String output() {
        return run.output();
    }

    /** The program's own final count of true labels per class for the batches it ran in this mode. */
    long[] finalCounts(String mode) {
        Matcher m = FINAL_COUNTS.matcher(run.output());
        while (m.find()) {
            if (m.group(1).equals(mode)) {
                String list = m.group(3).trim();
                return list.isEmpty() ? new long[0]
                        : Arrays.stream(list.split(",\\s*")).mapToLong(Long::parseLong).toArray();
            }
        }
        throw new AssertionError("no final label counts for mode " + mode + " in:\n" + run.output());
    }

    long finalBatches(String mode) {
        Matcher m = FINAL_COUNTS.matcher(run.output());
        while (m.find()) {
            if (m.group(1).equals(mode)) {
                return Long.parseLong(m.group(2));
            }
        }
        throw new AssertionError("no final label counts for mode " + mode + " in:\n" + run.output());
    }

    /** The last epoch the program finished, 0 if none. */
    int lastEpochDone() {
        Matcher m = EPOCH_DONE.matcher(run.output());
        int last = 0;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    Optional<String> resultLine() {
        Matcher m = RESULT.matcher(run.output());
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** Lines the agent printed (its lines start with "[skewguard]"). */
    List<String> agentLines() {
        List<String> lines = new ArrayList<>();
        for (String line : run.output().split("\n")) {
            if (line.startsWith("[skewguard]")) {
                lines.add(line);
            }
        }
        return lines;
    }
}
