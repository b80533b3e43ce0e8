package dev.skewguard.bench;

import dev.skewguard.collector.server.CollectorServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The training benchmark with the training's own thread pools pinned to one thread each, so that of 2 cores one is
 * left to the JVM's other threads (the agent's, the JIT's, the garbage collector's): issue 27's targets 2 and 4,
 * where 2 cores can resolve them. Long runs only: the DJL example (PyTorch engine, EasyTrain) and the DL4J example,
 * balanced data, each as its own JVM with and without the agent (streaming to a live collector in this JVM, loopback,
 * action log), alternately (A B, B A, ...), both sides pinned alike ({@link #pinned}).
 *
 * <p>Table A (target 4): per example, the median over pairs of (wall time with agent / wall time without), its range,
 * the seconds added, and the load average before and after the example's pairs. Table B (target 2): the agent's own
 * CPU per captured batch ({@link AgentCpuPerBatch}): its threads' CPU (read from /proc every
 * {@value #CPU_SAMPLE_MILLIS} ms, every {@value #CPU_SAMPLE_MILLIS_AT_END} ms once the example printed its timing
 * line, so that the readings come within a few milliseconds of the exit) plus what the training thread used more
 * with the agent (the example's own figure), over the batches the collector counted.
 *
 * <p>Arguments: [results file] [pairs (5)] [DJL epochs (300)] [DL4J epochs (40)] [run label, e.g. "run 1" (none)];
 * 12000 samples each.
 */
public final class PinnedTrainingBench {
    static final long CPU_SAMPLE_MILLIS = 200;
    static final long CPU_SAMPLE_MILLIS_AT_END = 5;
    /** The examples' timing line (examples/common's TrainingTime), printed once training completed. */
    static final String TIMING_LINE = "time: training ";
    /** Target 2: the agent's CPU per captured batch, microseconds, by example module. */
    private static final Map<String, Double> CPU_TARGET_MICROS = Map.of("djl", 5.0, "dl4j", 15.0);
    /** The environment both sides of both examples run with: OpenMP's and MKL's thread pools, one thread. */
    static final Map<String, String> PINNED_ENV = Map.of("OMP_NUM_THREADS", "1", "MKL_NUM_THREADS", "1");
    /** PyTorch's intra-op and inter-op thread pools, as DJL's PyTorch engine sets them at start. */
    static final List<String> PINNED_DJL_PROPERTIES = List.of("-Dai.djl.pytorch.num_threads=1",
            "-Dai.djl.pytorch.num_interop_threads=1");
    /** libnd4j's own thread counts (it also defaults them to OMP_NUM_THREADS). */
    static final Map<String, String> PINNED_ND4J_ENV = Map.of("SD_MAX_THREADS", "1", "SD_MASTER_THREADS", "1");

    private PinnedTrainingBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = ResultTable.outputFile(args);
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String djlEpochs = args.length > 2 ? args[2] : "300";
        String dl4jEpochs = args.length > 3 ? args[3] : "40";
        String label = args.length > 4 && !args[4].isEmpty() ? " (" + args[4] + ")" : "";
        List<TrainingExample> examples = List.of(pinned(TrainingExample.djl(djlEpochs)),
                pinned(TrainingExample.dl4j(dl4jEpochs)));

        List<String> wallHeader = new ArrayList<>(List.of("run", "pairs"));
        wallHeader.addAll(List.of(WallRatios.HEADERS));
        wallHeader.addAll(List.of("target <= " + WallRatios.TARGET, "load average before", "load average after"));
        ResultTable wallTable = new ResultTable("4. Wall time, training threads pinned: agent + live collector vs "
                + "no agent" + label, wallHeader.toArray(String[]::new));
        ResultTable cpuTable = new ResultTable("2. The agent's CPU per captured batch, training threads pinned"
                + label, "run", "pairs", "batches counted per agent run (min)", "agent's threads (us/batch)",
                "training thread, added (us/batch)", "total (us/batch), median of pairs", "total range",
                "JIT compilers, added (us/batch, for information)", "target");
        try (CollectorServer server = TrainingPairs.startCollector()) {
            TrainingPairs runner = new TrainingPairs(server, new ChildProcess.CpuSampling(CPU_SAMPLE_MILLIS,
                    CPU_SAMPLE_MILLIS_AT_END, TIMING_LINE));
            for (TrainingExample example : examples) {
                measure(example, pairs, runner, wallTable, cpuTable);
            }
        }
        wallTable.note("Wall time of the whole run (JVM start to exit, engine start included), 12000 samples (80% "
                + "training), 4 balanced classes; DJL batches of 32 (375 per epoch), DL4J batches of 50 (240 per "
                + "epoch). Pinned on both sides of every pair: " + pins() + ". Load average: 1/5/15 min.");
        wallTable.emit(out);
        cpuTable.note("Per pair: the CPU (user + system) of the agent's threads (skewguard-*, and its reader while "
                + "OkHttp names it OkHttpClientTransport) in the run with the agent, read from /proc every "
                + CPU_SAMPLE_MILLIS + " ms and every " + CPU_SAMPLE_MILLIS_AT_END + " ms once the example printed its "
                + "timing line (the whole run: the agent's start-up and its last flush at exit included), plus the "
                + "training thread's CPU with the agent less without (each run's own figure from its timing line, "
                + "'time: training N ms, M ms CPU on the training thread': the JVM's main thread, from the first "
                + "epoch to the last; /proc names it java, as it does OpenMP's workers), over the batches the "
                + "collector counted of the run (training and validation). Each column is the median over the "
                + "pairs, so the columns need not add up. The collector's CPU (another process in a deployment) is "
                + "not counted; the JIT compilers' added CPU is shown for information only. Pinned as in table 4: "
                + pins() + ".");
        cpuTable.emit(out);
    }

    /** {@code example} with its training's thread pools pinned to one thread. */
    static TrainingExample pinned(TrainingExample example) {
        Map<String, String> env = new java.util.HashMap<>(PINNED_ENV);
        List<String> properties = List.of();
        if (example.module().equals("djl")) {
            properties = PINNED_DJL_PROPERTIES;
        } else if (example.module().equals("dl4j")) {
            env.putAll(PINNED_ND4J_ENV);
        }
        return example.with(", pinned", env, properties);
    }

    /** What {@link #pinned} sets, for the notes. */
    private static String pins() {
        return "OMP_NUM_THREADS=1 and MKL_NUM_THREADS=1 (OpenMP's and MKL's pools: PyTorch's native code, ND4J's "
                + "OpenMP and its OpenBLAS, which ND4J sizes from OMP_NUM_THREADS) for both examples; DJL also "
                + String.join(" ", PINNED_DJL_PROPERTIES) + " (PyTorch's intra-op and inter-op pools, set by DJL's "
                + "PyTorch engine at start); DL4J also SD_MAX_THREADS=1 and SD_MASTER_THREADS=1 (libnd4j's own "
                + "thread counts). The JVM's own threads (JIT, garbage collector) are not pinned";
    }

    private static void measure(TrainingExample example, int pairs, TrainingPairs runner, ResultTable wallTable,
                                ResultTable cpuTable) throws Exception {
        Path log = Repo.logs().resolve("pinned-" + example.module() + ".log");
        String loadBefore = ChildProcess.loadAverage();
        TrainingPairs.Results results = runner.run(example, pairs, "pinned", log);
        wallTable.row(WallRatios.of(results.ok()).row(example.name(), results.failures(), loadBefore,
                ChildProcess.loadAverage()));
        List<AgentCpuPerBatch> cpu = new ArrayList<>();
        long minCounted = Long.MAX_VALUE;
        for (TrainingPairs.Pair result : results.ok()) {
            minCounted = Math.min(minCounted, result.counted());
            AgentCpuPerBatch.of(result).ifPresentOrElse(cpu::add, () -> System.err.println(example.name()
                    + ": a pair with no timing line or no CPU by thread (see " + log + ")"));
        }
        int notCounted = results.failures() + results.ok().size() - cpu.size();
        cpuTable.row(AgentCpuPerBatch.tableRow(example.name(), cpu, minCounted,
                CPU_TARGET_MICROS.getOrDefault(example.module(), Double.NaN), notCounted));
    }
}
