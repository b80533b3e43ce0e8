package dev.skewguard.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Start-up: a hello-world JVM with and without {@code -javaagent:skewguard-agent.jar} (default options: every
 * instrumentation on, nothing in the program matches, no collector anywhere), run alternately (A B, B A, ...),
 * timed from process start to exit. One pair first as a warm-up (file cache), not counted.
 * Arguments: [results file] [pairs (10)].
 */
public final class StartupBench {
    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = ResultTable.outputFile(args);
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String cp = Repo.benchClasses().toString();
        Path log = Repo.logs().resolve("startup.log");
        // CPU time (user + sys) of each run through GNU time when there is one.
        GnuTime time = new GnuTime(Repo.logs().resolve("startup-cpu.txt"));
        boolean gnuTime = GnuTime.available();
        List<String> without = time.wrap(ChildProcess.java(List.of(), cp, Hello.class.getName()));
        List<String> with = time.wrap(
                ChildProcess.java(List.of("-javaagent:" + Repo.agentJar()), cp, Hello.class.getName()));
        String loadBefore = ChildProcess.loadAverage();
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        List<Double> added = new ArrayList<>();
        List<Double> addedCpu = new ArrayList<>();
        int failures = 0;
        for (int pair = -1; pair < pairs; pair++) {
            boolean agentFirst = pair % 2 != 0;
            ChildProcess.Run first = ChildProcess.timed(agentFirst ? with : without, log, Map.of(), 60);
            double firstCpu = time.lastCpuMillis();
            ChildProcess.Run second = ChildProcess.timed(agentFirst ? without : with, log, Map.of(), 60);
            double secondCpu = time.lastCpuMillis();
            ChildProcess.Run runWith = agentFirst ? first : second;
            ChildProcess.Run runWithout = agentFirst ? second : first;
            if (runWith.exitCode() != 0 || runWithout.exitCode() != 0) {
                failures++;
                continue;
            }
            if (pair >= 0) {
                a.add(runWithout.millis());
                b.add(runWith.millis());
                added.add(runWith.millis() - runWithout.millis());
                addedCpu.add(agentFirst ? firstCpu - secondCpu : secondCpu - firstCpu);
            }
        }
        double medianAdded = Stats.median(added);
        ResultTable table = new ResultTable("5. Start-up: hello-world JVM, nothing matched, no collector",
                "pairs", "without agent, median (ms)", "with agent, median (ms)", "added, median of pairs (ms)",
                "added, p90 (ms)", "added CPU time user+sys, median (ms)", "failed runs", "target <= 150 ms");
        table.row(added.size(), Stats.fmt(Stats.median(a), 0), Stats.fmt(Stats.median(b), 0),
                Stats.fmt(medianAdded, 0), Stats.fmt(Stats.percentile(added, 90), 0),
                gnuTime ? Stats.fmt(Stats.median(addedCpu), 0) : "-", failures,
                failures == 0 && medianAdded <= 150 ? "met" : "MISSED");
        table.note("Wall time from process start to exit, alternating A/B; JDK " + System.getProperty("java.version")
                + "; load average (1/5/15 min) before: " + loadBefore + ", after: " + ChildProcess.loadAverage() + ".");
        table.emit(out);
    }
}
