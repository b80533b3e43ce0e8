package dev.skewguard.bench;

import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.server.CollectorServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory. (a) The agent's heap and threads during a run: the plain-Java example (captured through the methods
 * instrumentation, streaming to a live collector) with and without the agent; in the middle of the run, a full GC
 * (jcmd GC.run), then the heap in use (jcmd GC.heap_info) and the thread count (/proc). (b) The collector's
 * resident memory (VmRSS from /proc) as a separate process ({@code java -jar skewguard-collector.jar serve}),
 * idle and then with 256 connected workers (agent exporters, in this JVM), each having sent a few batches.
 *
 * <p>Arguments: [results file] [workers (256)].
 */
public final class MemoryBench {
    private static final String PLAIN_METHODS = "dev.skewguard.examples.plain.SoftmaxRegression#trainBatch:"
            + "labels=arg1,predictions=return;dev.skewguard.examples.plain.SoftmaxRegression#evaluateBatch:"
            + "labels=arg0,predictions=return,mode=eval";

    private MemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = ResultTable.outputFile(args);
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        agentFootprint(out);
        collectorRss(out, workers);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    static void agentFootprint(Path out) throws Exception {
        ResultTable table = new ResultTable("6a. Memory: the agent in a running JVM (plain example, live collector)",
                "run", "heap in use after full GC (MiB)", "threads", "of which skewguard", "batches counted");
        ServerOptions options = ServerOptions.builder().port(0).quiet(true).action(Action.LOG)
                .ruleParameters(RuleParameters.DEFAULTS).log(line -> { }).build();
        long[] withoutAgent = null;
        try (CollectorServer server = CollectorServer.start(options)) {
            for (boolean agent : new boolean[] {false, true}) {
                List<String> jvm = new ArrayList<>();
                if (agent) {
                    jvm.add("-javaagent:" + Repo.agentJar() + "=endpoint=127.0.0.1:" + server.port()
                            + ",job=footprint,methods=" + PLAIN_METHODS);
                }
                jvm.add("-jar");
                jvm.add(Repo.plainJar().toString());
                List<String> command = new ArrayList<>();
                command.add(ChildProcess.JAVA);
                command.addAll(jvm);
                command.addAll(List.of("--samples", "2000", "--epochs", "1000", "--batch-delay-ms", "2"));
                Process p = ChildProcess.builder(command, Repo.logs().resolve("footprint.log"), Map.of()).start();
                try {
                    Thread.sleep(5_000);
                    if (agent) {
                        // Sample while the agent is streaming: wait (at most 60 s) until the collector counted data.
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (IngestBench.batchesCounted(server, "footprint") == 0 && System.nanoTime() < deadline) {
                            Thread.sleep(100);
                        }
                        Thread.sleep(2_000);
                    }
                    jcmd(p.pid(), "GC.run");
                    long heapKb = heapUsedKb(jcmd(p.pid(), "GC.heap_info"));
                    int threads = threads(p.pid());
                    String dump = jcmd(p.pid(), "Thread.print");
                    int ours = (int) dump.lines().filter(l -> l.startsWith("\"skewguard")).count();
                    long counted = IngestBench.batchesCounted(server, "footprint");
                    table.row(agent ? "with agent" : "without agent", Stats.fmt(heapKb / 1024.0, 1), threads, ours,
                            agent ? counted : "-");
                    if (!agent) {
                        withoutAgent = new long[] {heapKb, threads};
                    } else if (withoutAgent != null) {
                        table.row("agent's share", Stats.fmt((heapKb - withoutAgent[0]) / 1024.0, 1),
                                threads - withoutAgent[1], ours, "");
                    }
                } finally {
                    p.destroy();
                    if (!p.waitFor(10, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
        }
        table.note("Sampled 5 s into a run of examples/plain (batches of 50, 2 ms apart; with the agent: 2 s after the collector counted its first batch) after jcmd GC.run; "
                + "default agent options (buffer 1024). Thread counts from /proc/<pid>/status.");
        table.emit(out);
    }

    static void collectorRss(Path out, int workers) throws Exception {
        int port = ChildProcess.freeLoopbackPort();
        List<String> command = List.of(ChildProcess.JAVA, "-jar", Repo.collectorJar().toString(), "serve",
                "--port", Integer.toString(port), "--quiet");
        Process collector = ChildProcess.builder(command, Repo.logs().resolve("collector-rss.log"), Map.of()).start();
        ResultTable table = new ResultTable("6b. Memory: the collector process (java -jar skewguard-collector.jar serve)",
                "state", "connected workers", "resident memory, VmRSS (MiB)", "heap in use after full GC (MiB)",
                "threads");
        try {
            waitForPort(port, 30);
            Thread.sleep(1_000);
            jcmd(collector.pid(), "GC.run");
            table.row("idle", established(port), Stats.fmt(rssKb(collector.pid()) / 1024.0, 1),
                    Stats.fmt(heapUsedKb(jcmd(collector.pid(), "GC.heap_info")) / 1024.0, 1),
                    threads(collector.pid()));
            SyntheticBatch data = new SyntheticBatch(256, 3);
            for (int i = 0; i < workers; i++) {
                AgentWorker w = AgentWorker.start("127.0.0.1:" + port, "rss", "worker-" + i, false);
                for (int b = 0; b < 4; b++) {
                    w.offer(b, data.labels.clone(), data.predicted.clone());
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int connected = established(port);
            while (connected < workers && System.nanoTime() < deadline) {
                Thread.sleep(200);
                connected = established(port);
            }
            Thread.sleep(2_000);
            long rssBeforeGc = rssKb(collector.pid());
            jcmd(collector.pid(), "GC.run");
            table.row(workers + " workers connected, 4 batches each", established(port),
                    Stats.fmt(rssBeforeGc / 1024.0, 1),
                    Stats.fmt(heapUsedKb(jcmd(collector.pid(), "GC.heap_info")) / 1024.0, 1),
                    threads(collector.pid()));
        } finally {
            collector.destroy();
            if (!collector.waitFor(10, TimeUnit.SECONDS)) {
                collector.destroyForcibly();
            }
        }
        table.note("Default JVM options (no -Xmx: the JVM sizes its heap from the machine's memory), one job. "
                + "Connected workers: established TCP connections to the collector's port (/proc/net/tcp).");
        table.emit(out);
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(Files.exists(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid), command)
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return text;
    }

    static long heapUsedKb(String heapInfo) {
        Matcher m = Pattern.compile("total \\d+K, used (\\d+)K").matcher(heapInfo);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static long rssKb(long pid) throws IOException {
        return statusField(pid, "VmRSS");
    }

    static int threads(long pid) throws IOException {
        return (int) statusField(pid, "Threads");
    }

    private static long statusField(long pid, String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    /** Established TCP connections whose local port is {@code port} (the server's side of each connection). */
    static int established(int port) throws IOException {
        String hexPort = String.format(":%04X", port);
        int n = 0;
        for (String file : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path p = Path.of(file);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(hexPort) && "01".equals(f[3])) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void waitForPort(int port, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the collector did not open port " + port + " within " + seconds + " s");
    }
}
