package dev.skewguard.bench;

import dev.skewguard.collector.server.CollectorServer;
import dev.skewguard.collector.server.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Time to first Ack: a fresh JVM with the agent jar ({@code -javaagent}, default options but a {@code methods} spec)
 * captures one batch as its first act ({@link FirstBatchApp}); measured from that capture to the moment the
 * collector (real, in this JVM, on loopback) has counted it, which is when it sends the Ack. Both ends read the wall
 * clock ({@link Instant#now()}, microseconds, one machine); the collector's count is polled every 0.5 ms. The
 * cold path: the sender's warm-up (loading gRPC, its transport and protobuf) starts when the program's class loads,
 * a moment before the capture, so the batch waits for nearly all of it. One trial first, not counted (file cache).
 * Arguments: [results file] [trials (20)]. {@code -Dskewguard.agent.jar=PATH} measures another agent jar.
 */
public final class TimeToFirstAckBench {
    private static final long TRIAL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private TimeToFirstAckBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = ResultTable.outputFile(args);
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String agentJar = System.getProperty("skewguard.agent.jar", Repo.agentJar().toString());
        Path log = Repo.logs().resolve("first-ack.log");
        Files.createDirectories(log.getParent());
        ServerOptions options = ServerOptions.builder().port(0).quiet(true).log(line -> { }).build();
        List<Double> millis = new ArrayList<>();
        int failed = 0;
        String loadBefore = ChildProcess.loadAverage();
        try (CollectorServer server = CollectorServer.start(options)) {
            for (int trial = -1; trial < trials; trial++) {
                String job = "first-ack-" + (trial + 1);
                double ms = trial(server, agentJar, job, log);
                if (trial < 0) {
                    continue;
                }
                if (ms < 0) {
                    failed++;
                } else {
                    millis.add(ms);
                }
            }
        }
        double p50 = Stats.median(millis);
        new ResultTable("7. Time to first Ack (a fresh JVM's first captured batch, loopback)",
                "trials", "p50 (ms)", "p90 (ms)", "max (ms)", "failed", "target p50 <= 200 ms")
                .row(millis.size() + failed, Stats.fmt(p50, 1), Stats.fmt(Stats.percentile(millis, 90), 1),
                        Stats.fmt(Stats.max(millis), 1), failed, failed == 0 && p50 <= 200 ? "met" : "MISSED")
                .note("From the capture of the first batch of a JVM started with -javaagent (" + Path.of(agentJar)
                        .getFileName() + ") to the collector's count of it (its Ack follows at once), the batch "
                        + "captured as soon as the program's class has loaded. Load average (1/5/15 min) before: "
                        + loadBefore + ", after: " + ChildProcess.loadAverage() + ".")
                .emit(out);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /** One child JVM; milliseconds from its capture to the collector's count, or -1. */
    private static double trial(CollectorServer server, String agentJar, String job, Path log) throws Exception {
        String agentArgs = "endpoint=127.0.0.1:" + server.port() + ",job=" + job + ",methods=" + FirstBatchApp.METHODS;
        List<String> command = ChildProcess.java(List.of("-javaagent:" + agentJar + "=" + agentArgs),
                Repo.benchClasses().toString(), FirstBatchApp.class.getName(), "30000");
        Path stdout = Files.createTempFile("first-ack", ".out");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            long deadline = System.nanoTime() + TRIAL_TIMEOUT_NANOS;
            long countedAt = -1;
            while (System.nanoTime() - deadline < 0 && p.isAlive()) {
                if (IngestBench.batchesCounted(server, job) >= 1) {
                    Instant now = Instant.now();
                    countedAt = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
                    break;
                }
                LockSupport.parkNanos(500_000);
            }
            if (countedAt < 0) {
                return -1;
            }
            for (String line : Files.readAllLines(stdout)) {
                if (line.startsWith("captured-at-micros ")) {
                    long capturedAt = Long.parseLong(line.substring("captured-at-micros ".length()).trim());
                    return (countedAt - capturedAt) / 1000.0;
                }
            }
            return -1;
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(stdout);
        }
    }
}
