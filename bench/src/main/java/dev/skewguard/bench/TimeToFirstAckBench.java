package dev.skewguard.bench;

import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.server.CollectorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time to first Ack: a fresh JVM with the agent jar ({@code -javaagent}, default options but a {@code methods} spec
 * and {@code debug=true}) captures one batch ({@link FirstBatchApp}); measured by the agent itself, from that capture
 * to the arrival of the collector's first Ack (its debug line "first Ack from the collector N ms after the first
 * captured batch"). The collector is real, in this JVM, on loopback. Two scenarios: the batch captured as soon as the
 * program's class has loaded (the worst case: the sender's warm-up, loading gRPC, its transport and protobuf, starts
 * only a moment before), and 500 ms later (a framework that takes that long to start before its first batch; DJL
 * and DL4J take longer here). One trial per scenario first, not counted (file cache).
 * Arguments: [results file] [trials per scenario (20)]. {@code -Dskewguard.agent.jar=PATH} measures another jar.
 */
public final class TimeToFirstAckBench {
    private static final long TRIAL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final Pattern FIRST_ACK = Pattern.compile("first Ack from the collector ([0-9.]+) ms after");

    private TimeToFirstAckBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = ResultTable.outputFile(args);
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String agentJar = System.getProperty("skewguard.agent.jar", Repo.agentJar().toString());
        Path log = Repo.logs().resolve("first-ack.log");
        Files.createDirectories(log.getParent());
        ServerOptions options = ServerOptions.builder().port(0).quiet(true).log(line -> { }).build();
        String loadBefore = ChildProcess.loadAverage();
        ResultTable table = new ResultTable("7. Time to first Ack (a fresh JVM's first captured batch, loopback)",
                "first batch captured", "trials", "p50 (ms)", "p90 (ms)", "max (ms)", "failed",
                "target p50 <= 200 ms");
        try (CollectorServer server = CollectorServer.start(options)) {
            for (int delay : new int[] {0, 500}) {
                List<Double> millis = new ArrayList<>();
                int failed = 0;
                for (int trial = -1; trial < trials; trial++) {
                    double ms = trial(server, agentJar, "first-ack-" + delay + "-" + (trial + 1), delay, log);
                    if (trial < 0) {
                        continue;
                    }
                    if (ms < 0) {
                        failed++;
                    } else {
                        millis.add(ms);
                    }
                }
                double p50 = Stats.median(millis);
                table.row(delay == 0 ? "as its class loads" : delay + " ms after its class loaded",
                        millis.size() + failed, Stats.fmt(p50, 1), Stats.fmt(Stats.percentile(millis, 90), 1),
                        Stats.fmt(Stats.max(millis), 1), failed, failed == 0 && p50 <= 200 ? "met" : "MISSED");
            }
        }
        table.note("Measured by the agent (" + Path.of(agentJar).getFileName() + ", debug=true) from the capture of "
                + "a fresh JVM's first batch to the arrival of the collector's first Ack. Load average (1/5/15 min) "
                + "before: " + loadBefore + ", after: " + ChildProcess.loadAverage() + ".");
        table.emit(out);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /** One child JVM; the agent's milliseconds from its capture to the first Ack, or -1. */
    private static double trial(CollectorServer server, String agentJar, String job, int delayMillis, Path log)
            throws Exception {
        String agentArgs = "endpoint=127.0.0.1:" + server.port() + ",job=" + job + ",debug=true,methods="
                + FirstBatchApp.METHODS;
        List<String> command = ChildProcess.java(List.of("-javaagent:" + agentJar + "=" + agentArgs),
                Repo.benchClasses().toString(), FirstBatchApp.class.getName(), String.valueOf(delayMillis), "30000");
        Path stderr = Files.createTempFile("first-ack", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
        try {
            long deadline = System.nanoTime() + TRIAL_TIMEOUT_NANOS;
            while (System.nanoTime() - deadline < 0 && p.isAlive()) {
                Matcher m = FIRST_ACK.matcher(Files.readString(stderr));
                if (m.find()) {
                    return Double.parseDouble(m.group(1));
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            return -1;
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            Files.writeString(log, "\n$ " + String.join(" ", command) + "\n" + Files.readString(stderr),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Files.deleteIfExists(stderr);
        }
    }
}
