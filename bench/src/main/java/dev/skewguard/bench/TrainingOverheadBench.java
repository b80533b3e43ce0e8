package dev.skewguard.bench;

import dev.skewguard.collector.server.CollectorServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Training overhead: the DJL example (PyTorch engine, EasyTrain) and the DL4J example, balanced data, each run as
 * its own JVM with {@code -javaagent:skewguard-agent.jar} streaming to a live collector (in this JVM, loopback,
 * action log) and without the agent, alternately (A B, B A, ...). The figure is the median over pairs of
 * (wall time with agent / wall time without); beside it the median of the seconds the agent added. Each example runs
 * twice: a short run (3 epochs, a few seconds: what the agent costs once per JVM dominates) and a long one (the
 * target's row: what a job that trains for a while pays). No warm-up pair (the order alternates instead). Each agent
 * run must have been counted by the collector (its report's batches_counted), or the row says so. A second table
 * says where the added time goes: each child's CPU time by thread ({@link ThreadCpu}: the agent's threads, the JIT
 * compilers, the garbage collector, the rest) and the in-process collector's, with against without the agent.
 *
 * <p>Arguments: [results file] [pairs (5)] [DJL epochs of the long run (300)] [DL4J epochs of the long run (40)];
 * 12000 samples each.
 */
public final class TrainingOverheadBench {
    private TrainingOverheadBench() {
    }

    /** How often a child's CPU time by thread is read while it runs. */
    static final long CPU_SAMPLE_MILLIS = 200;

    public static void main(String[] args) throws Exception {
        Path out = ResultTable.outputFile(args);
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String djlEpochs = args.length > 2 ? args[2] : "300";
        String dl4jEpochs = args.length > 3 ? args[3] : "40";
        List<TrainingExample> examples = List.of(TrainingExample.djl("3"), TrainingExample.djl(djlEpochs),
                TrainingExample.dl4j("3"), TrainingExample.dl4j(dl4jEpochs));

        List<String> header = new ArrayList<>(List.of("run", "pairs"));
        header.addAll(List.of(WallRatios.HEADERS));
        header.add("target <= " + WallRatios.TARGET);
        ResultTable table = new ResultTable("1. Training overhead: agent + live collector vs no agent",
                header.toArray(String[]::new));
        String loadBefore = ChildProcess.loadAverage();
        ResultTable cpuTable = new ResultTable("1b. Where the added time goes: CPU seconds per run, by thread",
                "run", "pairs", "CPU without agent, median", "CPU with agent, median", "added, median of pairs",
                "agent's threads", "JIT compilers, added", "garbage collector, added",
                "the rest (training, JVM), added", "collector (in the bench JVM)",
                "CPU added per captured batch, all threads + collector (us)");
        try (CollectorServer server = TrainingPairs.startCollector()) {
            TrainingPairs runner = new TrainingPairs(server, ChildProcess.CpuSampling.every(CPU_SAMPLE_MILLIS));
            for (TrainingExample example : examples) {
                measure(example, pairs, runner, table, cpuTable);
            }
        }
        table.note("Wall time of the whole run (JVM start to exit, engine start included), 12000 samples (80% "
                + "training), 4 balanced classes; DJL batches of 32 (375 per epoch, about 0.3 ms each here), DL4J "
                + "batches of 50 (240 per epoch). Load average (1/5/15 min) before: " + loadBefore + ", after: "
                + ChildProcess.loadAverage() + ".");
        table.emit(out);
        cpuTable.note("CPU time (user + system) of each child JVM by thread name, read from /proc every "
                + CPU_SAMPLE_MILLIS + " ms while it runs (its last " + CPU_SAMPLE_MILLIS + " ms, the exit, are not "
                + "counted): the agent's threads are named skewguard-*, the JIT's C1/C2 CompilerThread, the "
                + "garbage collector's GC Thread and G1 *; the rest is the process's total less those: the training "
                + "(its native threads too), the JVM, and threads that ended before the last reading. "
                + "The collector's column is the CPU of the in-process collector's threads (gRPC's and its own) "
                + "during the run with the agent. Each column is the median over the pairs of that column's "
                + "difference, so the columns need not add up to the total. The last column is each pair's added CPU "
                + "with the collector's, over the batches the collector counted (the JVM's fixed cost included: "
                + "the long runs show the cost per batch of a job that runs a while). On a machine whose cores the "
                + "training keeps busy, each CPU second added here costs about as much wall time.");
        cpuTable.emit(out);
    }

    /** Adds one pair's CPU figures (seconds): totals, the added total, each group's difference, the collector's. */
    private static void addCpu(Map<String, List<Double>> cpu, Map<ThreadCpu.Group, Double> without,
                               Map<ThreadCpu.Group, Double> with, double collector, long batches) {
        if (without.isEmpty() || with.isEmpty()) {
            return;
        }
        cpu.computeIfAbsent("without", k -> new ArrayList<>()).add(ThreadCpu.total(without));
        cpu.computeIfAbsent("with", k -> new ArrayList<>()).add(ThreadCpu.total(with));
        cpu.computeIfAbsent("added", k -> new ArrayList<>()).add(ThreadCpu.total(with) - ThreadCpu.total(without));
        for (ThreadCpu.Group group : ThreadCpu.Group.values()) {
            cpu.computeIfAbsent(group.name(), k -> new ArrayList<>())
                    .add(ThreadCpu.of(with, group) - ThreadCpu.of(without, group));
        }
        cpu.computeIfAbsent("collector", k -> new ArrayList<>()).add(collector);
        double perBatch = (ThreadCpu.total(with) - ThreadCpu.total(without) + collector) / batches * 1e6;
        cpu.computeIfAbsent("perBatch", k -> new ArrayList<>()).add(perBatch);
    }

    private static String cpuCell(Map<String, List<Double>> cpu, String column) {
        List<Double> values = cpu.get(column);
        return values == null || values.isEmpty() ? "-" : Stats.fmt(Stats.median(values), 2);
    }

    private static void measure(TrainingExample example, int pairs, TrainingPairs runner, ResultTable table,
                                ResultTable cpuTable) throws Exception {
        Path log = Repo.logs().resolve("training-" + example.module() + ".log");
        TrainingPairs.Results results = runner.run(example, pairs, "overhead", log);
        WallRatios wall = WallRatios.of(results.ok());
        Map<String, List<Double>> cpu = new java.util.LinkedHashMap<>();
        for (TrainingPairs.Pair result : results.ok()) {
            addCpu(cpu, result.without().cpu(), result.with().cpu(), result.collectorCpu(), result.counted());
        }
        table.row(wall.row(example.name(), results.failures()));
        if (wall.pairs() == 0) {
            return;
        }
        cpuTable.row(example.name(), wall.pairs(), cpuCell(cpu, "without"), cpuCell(cpu, "with"),
                cpuCell(cpu, "added"), cpuCell(cpu, ThreadCpu.Group.AGENT.name()),
                cpuCell(cpu, ThreadCpu.Group.JIT.name()), cpuCell(cpu, ThreadCpu.Group.GC.name()),
                cpuCell(cpu, ThreadCpu.Group.REST.name()), cpuCell(cpu, "collector"), cpuCell(cpu, "perBatch"));
    }
}
