package dev.skewguard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collector ingest with each side in its own JVM, as in production: the collector ({@code java -jar
 * skewguard-collector.jar serve}) in one process, the agents in others ({@link IngestAgentProcess}: the agent's own
 * queue and exporter): 1 connection in 1 process, 8 in 2, 64 in 4, all workers of one job per row. Over the same
 * windows it reads the collector's count of batches (its metrics port, {@code skewguard_batches_counted_total}) and
 * each process's CPU time (/proc), and prints what each side spends per batch and how busy the machine's cores are:
 * what bounds the rate.
 *
 * <p>Arguments: [results file] [seconds per measuring window (2)] [seconds of warm-up once every connection flows
 * (20)].
 */
public final class IngestProcessesBench {
    private static final int[][] ROWS = {{1, 1}, {8, 2}, {64, 4}};
    private static final int WINDOWS = 3;

    private IngestProcessesBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = ResultTable.outputFile(args);
        double windowSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        double warmSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 20;
        int cores = Runtime.getRuntime().availableProcessors();
        ResultTable table = new ResultTable("3c. Collector ingest with the collector and the agents in separate "
                + "processes (batches of " + IngestBench.BATCH + " labels + " + IngestBench.BATCH + " predicted ids)",
                "connections", "agent processes", "evaluated labels/s", "collector CPU per batch (us)",
                "agents' CPU per batch (us)", "collector cores busy", "agents' cores busy",
                "cores busy of " + cores, "collector alone on " + cores + " cores, labels/s");
        int grpcPort = ChildProcess.freeLoopbackPort();
        int metricsPort = ChildProcess.freeLoopbackPort();
        Path logs = Repo.logs();
        Process collector = ChildProcess.builder(List.of(ChildProcess.JAVA, "-jar", Repo.collectorJar().toString(),
                        "serve", "--port", Integer.toString(grpcPort), "--metrics-port", Integer.toString(metricsPort),
                        "--quiet"), logs.resolve("ingest-processes-collector.log"), java.util.Map.of())
                .start();
        String loadBefore = ChildProcess.loadAverage();
        try {
            awaitMetrics(metricsPort, collector);
            for (int[] row : ROWS) {
                measure(row[0], row[1], grpcPort, metricsPort, collector, windowSeconds, warmSeconds, cores, table,
                        logs);
            }
        } finally {
            collector.destroy();
            collector.waitFor();
        }
        table.note("Each figure is the median of " + WINDOWS + " windows of " + windowSeconds + " s, after every "
                + "connection flowed and " + warmSeconds + " s more of warm-up (each JVM warms its own JIT). CPU is "
                + "user + system time of each whole process from /proc (its JIT and GC included) over the same "
                + "windows; cores busy = CPU seconds per second. \"Collector alone\": the rate the collector's own CPU "
                + "per batch would allow with every core to itself. The agents offer as fast as their queues take "
                + "batches (block_when_full), so the collector is never waiting for work. Load average (1/5/15 min) "
                + "before: " + loadBefore + ", after: " + ChildProcess.loadAverage() + ".");
        table.emit(out);
    }

    private static void measure(int connections, int processes, int grpcPort, int metricsPort, Process collector,
                                double windowSeconds, double warmSeconds, int cores, ResultTable table, Path logs)
            throws Exception {
        String job = "ingest-processes-" + connections;
        long lifetime = (long) (warmSeconds + WINDOWS * windowSeconds) + 120;
        List<Process> agents = new ArrayList<>();
        try {
            int per = connections / processes;
            for (int p = 0; p < processes; p++) {
                agents.add(ChildProcess.builder(ChildProcess.java(List.of(), System.getProperty("java.class.path"),
                                IngestAgentProcess.class.getName(), "127.0.0.1:" + grpcPort, job,
                                Integer.toString(per), Integer.toString(p * per), Long.toString(lifetime)),
                        logs.resolve("ingest-processes-agents.log"), java.util.Map.of()).start());
            }
            long start = counted(metricsPort, job);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (counted(metricsPort, job) - start < connections * 20L && System.nanoTime() - deadline < 0) {
                Thread.sleep(50);
            }
            Thread.sleep((long) (warmSeconds * 1000));
            List<Double> rates = new ArrayList<>();
            List<Double> collectorCores = new ArrayList<>();
            List<Double> agentCores = new ArrayList<>();
            for (int w = 0; w < WINDOWS; w++) {
                long c0 = counted(metricsPort, job);
                double cc0 = ThreadCpu.ofProcess(collector.pid());
                double ac0 = ThreadCpu.ofProcesses(agents);
                long t0 = System.nanoTime();
                Thread.sleep((long) (windowSeconds * 1000));
                long c1 = counted(metricsPort, job);
                double cc1 = ThreadCpu.ofProcess(collector.pid());
                double ac1 = ThreadCpu.ofProcesses(agents);
                double seconds = (System.nanoTime() - t0) / 1e9;
                rates.add((c1 - c0) / seconds);
                collectorCores.add((cc1 - cc0) / seconds);
                agentCores.add((ac1 - ac0) / seconds);
            }
            double rate = Stats.median(rates);
            double collectorBusy = Stats.median(collectorCores);
            double agentsBusy = Stats.median(agentCores);
            double collectorPerBatch = rate > 0 ? collectorBusy / rate : Double.NaN;
            table.row(connections, processes, Stats.fmt(rate * IngestBench.BATCH, 0),
                    Stats.fmt(collectorPerBatch * 1e6, 2), Stats.fmt(rate > 0 ? agentsBusy / rate * 1e6 : Double.NaN, 2),
                    Stats.fmt(collectorBusy, 2), Stats.fmt(agentsBusy, 2), Stats.fmt(collectorBusy + agentsBusy, 2),
                    Stats.fmt(cores / collectorPerBatch * IngestBench.BATCH, 0));
        } finally {
            for (Process agent : agents) {
                agent.getOutputStream().close(); // the agent process halts when its input ends
            }
            for (Process agent : agents) {
                if (!agent.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    agent.destroyForcibly().waitFor();
                }
            }
        }
    }

    /** The collector's count of the job's batches, from its metrics port (0 before the job exists). */
    static long counted(int metricsPort, String job) throws IOException {
        HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + metricsPort + "/metrics")
                .openConnection();
        http.setConnectTimeout(5_000);
        http.setReadTimeout(10_000);
        String text;
        try (InputStream in = http.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            http.disconnect();
        }
        String series = "skewguard_batches_counted_total{";
        String label = "training_job=\"" + job + "\"";
        for (String line : text.split("\n")) {
            if (line.startsWith(series) && line.contains(label)) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static void awaitMetrics(int metricsPort, Process collector) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() - deadline < 0) {
            if (!collector.isAlive()) {
                throw new IllegalStateException("the collector ended with status " + collector.exitValue()
                        + ": see " + Repo.logs().resolve("ingest-processes-collector.log"));
            }
            try {
                counted(metricsPort, "none");
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the collector's metrics port did not answer within 60 s");
    }
}
