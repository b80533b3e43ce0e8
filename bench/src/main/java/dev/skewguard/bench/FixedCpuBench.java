package dev.skewguard.bench;

import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.server.CollectorServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent's fixed CPU per JVM: what a JVM pays once for the agent, whatever the length of its training. Each
 * program (the DJL, DL4J and XGBoost4J examples and the methods path of the plain example) runs a job of a few dozen
 * batches, so that what the agent pays per batch is a few milliseconds at most, with the agent (a live collector in
 * this JVM, loopback, action log; default options) and without, alternately (A B, B A, ...). The figure is the median
 * over pairs of the added CPU time (user + system) of the whole process, every thread and its exit included, from
 * GNU time; beside it, read from /proc every 50 ms (the last 50 ms are not counted), the agent's own threads' CPU
 * (skewguard-*) and what the JIT compilers and the other threads (the application's, where the instrumentation is
 * set up and the advice runs, and the JVM's) added, and the batches the collector counted.
 * Arguments: [results file] [pairs (7)].
 */
public final class FixedCpuBench {
    private static final long CPU_SAMPLE_MILLIS = 50;

    private FixedCpuBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = ResultTable.outputFile(args);
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<ExampleProgram> programs = List.of(
                new ExampleProgram("DJL (EasyTrain, PyTorch), 1 epoch", "djl",
                        "dev.skewguard.examples.djl.DjlTrainMain",
                        List.of("--classes", "4", "--samples", "2000", "--epochs", "1", "--engine", "PyTorch"), "",
                        Map.of("DJL_OFFLINE", "true")),
                new ExampleProgram("DL4J, 1 epoch", "dl4j", "dev.skewguard.examples.dl4j.Dl4jExample",
                        List.of("--classes", "4", "--samples", "2000", "--epochs", "1"), "", Map.of()),
                new ExampleProgram("XGBoost4J (Booster loop), 10 rounds", "xgboost",
                        "dev.skewguard.examples.xgboost.XgboostExample",
                        List.of("--classes", "4", "--samples", "2000", "--rounds", "10"), "", Map.of()),
                ExampleProgram.plainMethods("methods (plain Java), 1 epoch",
                        List.of("--classes", "3", "--epochs", "1")));
        ResultTable table = new ResultTable("3. Fixed CPU per JVM: a short job with the agent vs without",
                "program", "pairs", "CPU without agent, median (s)", "CPU with agent, median (s)",
                "added CPU, median of pairs (s)", "added, range (s)", "agent's threads, median (s)",
                "JIT compilers, added, median (s)", "the rest (application threads, JVM), added, median (s)",
                "batches counted per agent run (min)", "target <= 0.3 s");
        String loadBefore = ChildProcess.loadAverage();
        if (!GnuTime.available()) {
            table.row("-", 0, "-", "-", "-", "-", "-", "-", "-", "-", "NOT MEASURED: no /usr/bin/time (GNU time)");
            table.emit(out);
            return;
        }
        ServerOptions options = ServerOptions.builder().port(0).quiet(true).action(Action.LOG)
                .ruleParameters(RuleParameters.DEFAULTS).log(line -> { }).build();
        try (CollectorServer server = CollectorServer.start(options)) {
            int job = 0;
            for (ExampleProgram program : programs) {
                measure(program, pairs, server, table, job);
                job += pairs;
            }
        }
        table.note("Whole-process CPU (user + system) from GNU time, JVM start to exit; " + pairs + " pairs per row, "
                + "alternating A/B, no pair discarded. DJL and DL4J: 2000 samples (1600 train in batches of 32 and "
                + "50, 400 evaluated); XGBoost4J: 10 boosting rounds on 2000 samples; methods: one epoch of the plain "
                + "example. Agent: default options and a live collector (so the sender connects and flushes). JDK "
                + System.getProperty("java.version") + ". Load average (1/5/15 min) before: " + loadBefore
                + ", after: " + ChildProcess.loadAverage() + ".");
        table.emit(out);
    }

    private static void measure(ExampleProgram program, int pairs, CollectorServer server, ResultTable table,
                                int firstJob)
            throws Exception {
        String cp = program.classPath();
        Path log = Repo.logs().resolve("fixed-cpu-" + program.logName() + ".log");
        GnuTime time = new GnuTime(Repo.logs().resolve("fixed-cpu-time.txt"));
        String[] programArgs = program.args().toArray(String[]::new);
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        List<Double> added = new ArrayList<>();
        List<Double> agentThreads = new ArrayList<>();
        List<Double> jitAdded = new ArrayList<>();
        List<Double> restAdded = new ArrayList<>();
        long minCounted = Long.MAX_VALUE;
        int failures = 0;
        for (int pair = 0; pair < pairs; pair++) {
            String job = "fixed-cpu-" + (firstJob + pair);
            List<String> plain = time.wrap(ChildProcess.java(List.of(), cp, program.mainClass(), programArgs));
            List<String> agent = time.wrap(ChildProcess.java(List.of("-javaagent:" + Repo.agentJar()
                    + "=endpoint=127.0.0.1:" + server.port() + ",job=" + job + program.agentExtra()), cp,
                    program.mainClass(), programArgs));
            boolean agentFirst = pair % 2 != 0;
            ChildProcess.Run first = ChildProcess.timed(agentFirst ? agent : plain, log, program.env(), 300,
                    CPU_SAMPLE_MILLIS);
            double firstCpu = time.lastCpuMillis() / 1000;
            ChildProcess.Run second = ChildProcess.timed(agentFirst ? plain : agent, log, program.env(), 300,
                    CPU_SAMPLE_MILLIS);
            double secondCpu = time.lastCpuMillis() / 1000;
            int firstExit = first.exitCode();
            int secondExit = second.exitCode();
            Map<ThreadCpu.Group, Double> withThreads = (agentFirst ? first : second).cpu();
            long counted = IngestBench.batchesCounted(server, job);
            if (firstExit != 0 || secondExit != 0 || counted == 0) {
                failures++;
                System.err.println(program.name() + " pair " + pair + ": exit codes " + firstExit + " / "
                        + secondExit + ", batches counted " + counted + " (see " + log + ")");
                continue;
            }
            double cpuWith = agentFirst ? firstCpu : secondCpu;
            double cpuWithout = agentFirst ? secondCpu : firstCpu;
            without.add(cpuWithout);
            with.add(cpuWith);
            added.add(cpuWith - cpuWithout);
            Map<ThreadCpu.Group, Double> withoutThreads = (agentFirst ? second : first).cpu();
            agentThreads.add(ThreadCpu.of(withThreads, ThreadCpu.Group.AGENT));
            jitAdded.add(ThreadCpu.of(withThreads, ThreadCpu.Group.JIT) - ThreadCpu.of(withoutThreads,
                    ThreadCpu.Group.JIT));
            restAdded.add(ThreadCpu.of(withThreads, ThreadCpu.Group.REST) - ThreadCpu.of(withoutThreads,
                    ThreadCpu.Group.REST));
            minCounted = Math.min(minCounted, counted);
        }
        if (added.isEmpty()) {
            table.row(program.name(), 0, "-", "-", "-", "-", "-", "-", "-", "-", "NOT MEASURED: every pair failed ("
                    + failures + ")");
            return;
        }
        double median = Stats.median(added);
        table.row(program.name(), added.size(), Stats.fmt(Stats.median(without), 2), Stats.fmt(Stats.median(with), 2),
                Stats.fmt(median, 2), Stats.fmt(Stats.percentile(added, 0), 2) + " .. "
                        + Stats.fmt(Stats.max(added), 2), Stats.fmt(Stats.median(agentThreads), 2),
                Stats.fmt(Stats.median(jitAdded), 2), Stats.fmt(Stats.median(restAdded), 2), minCounted,
                (median <= 0.3 ? "met" : "MISSED") + (failures > 0 ? " (" + failures + " failed pairs)" : ""));
    }
}
