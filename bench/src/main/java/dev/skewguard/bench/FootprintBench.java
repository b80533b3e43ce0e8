package dev.skewguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * The agent's footprint: the size and entry count of the shaded agent jar, and the classes a DJL (PyTorch) run of
 * 3 epochs loads with and without the agent, counted from {@code -Xlog:class+load} (those loaded from the agent
 * jar apart). With the agent the run streams to a collector that is not there: what it loads to send is loaded all
 * the same (the sender warms up when DJL loads), and no collector's timing enters a count. Counts, not times: they
 * do not depend on the machine's load.
 *
 * <p>Arguments: [results file].
 */
public final class FootprintBench {
    private FootprintBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = ResultTable.outputFile(args);
        Path agentJar = Repo.agentJar();
        int entries;
        try (ZipFile zip = new ZipFile(agentJar.toFile())) {
            entries = zip.size();
        }
        String cp = ChildProcess.exampleClassPath(Repo.ROOT, "djl");
        List<String> program = List.of("--classes", "4", "--samples", "12000", "--epochs", "3", "--engine", "PyTorch");
        Path withoutLog = Repo.logs().resolve("footprint-classes-without.log");
        Path withLog = Repo.logs().resolve("footprint-classes-with.log");
        int[] without = classesLoaded(List.of(), cp, program, withoutLog, agentJar);
        int[] with = classesLoaded(List.of("-javaagent:" + agentJar + "=endpoint=127.0.0.1:9,flush_timeout=0.2"), cp,
                program, withLog, agentJar);
        ResultTable table = new ResultTable("6c. Footprint: the agent jar, and the classes a DJL run loads",
                "agent jar (bytes)", "agent jar entries", "classes loaded without agent", "classes loaded with agent",
                "of which from the agent jar", "added");
        table.row(Files.size(agentJar), entries, without[0], with[0], with[1], with[0] - without[0]);
        table.note("examples/djl, PyTorch, 3 epochs of 12000 samples; -Xlog:class+load of each run (logs: "
                + withoutLog.getFileName() + ", " + withLog.getFileName() + "). With the agent: default options, an "
                + "endpoint where no collector listens.");
        table.emit(out);
    }

    /** {all classes, classes from the agent jar} loaded by one run. */
    private static int[] classesLoaded(List<String> agent, String cp, List<String> program, Path classLog,
                                       Path agentJar) throws IOException, InterruptedException {
        Files.deleteIfExists(classLog);
        List<String> jvm = new java.util.ArrayList<>(agent);
        jvm.add("-Xlog:class+load=info:file=" + classLog);
        ChildProcess.Run run = ChildProcess.timed(ChildProcess.java(jvm, cp, "dev.skewguard.examples.djl.DjlTrainMain",
                program.toArray(String[]::new)), Repo.logs().resolve("footprint.log"), Map.of("DJL_OFFLINE", "true"),
                600);
        if (run.exitCode() != 0) {
            throw new IllegalStateException("the DJL run ended with status " + run.exitCode() + ": see "
                    + Repo.logs().resolve("footprint.log"));
        }
        int all = 0;
        int fromAgent = 0;
        String jarName = agentJar.getFileName().toString();
        for (String line : Files.readAllLines(classLog)) {
            if (line.contains(" source: ")) {
                all++;
                if (line.contains(jarName)) {
                    fromAgent++;
                }
            }
        }
        return new int[] {all, fromAgent};
    }
}
