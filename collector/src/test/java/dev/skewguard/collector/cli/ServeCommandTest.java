package dev.skewguard.collector.cli;

import static dev.skewguard.collector.server.TestAgent.concat;
import static dev.skewguard.collector.server.TestAgent.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.collector.logging.CollectorLog;
import dev.skewguard.collector.server.CollectorServer;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.server.TestAgent;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve} run in-process: exit statuses of --exit-when-done, options reaching the server, usage errors. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeCommandTest {
    static final int[] SKEWED = concat(repeat(0, 990), repeat(1, 10));
    static final int[] BALANCED = concat(repeat(0, 500), repeat(1, 500));

    final StringWriter err = new StringWriter();
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final CompletableFuture<CollectorServer> started = new CompletableFuture<>();

    /** Runs serve with {@code args} on a thread; returns its exit status. Its lines go to {@link #lines}. */
    CompletableFuture<Integer> serve(String... args) {
        CommandLine command = new CommandLine(new ServeCommand(started::complete, CollectorLog.lines(lines::add)));
        command.setErr(new PrintWriter(err, true));
        return CompletableFuture.supplyAsync(() -> command.execute(args));
    }

    String log() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    int port() throws Exception {
        return started.get(10, TimeUnit.SECONDS).port();
    }

    static int exitStatus(CompletableFuture<Integer> run) throws Exception {
        return run.get(20, TimeUnit.SECONDS);
    }

    @Test
    void exitWhenDoneExitsZeroOnceEveryAgentSaidGoodbyeWithoutIssue() throws Exception {
        CompletableFuture<Integer> run = serve("--port", "0", "--exit-when-done");
        try (TestAgent a = TestAgent.connect(port()); TestAgent b = TestAgent.connect(port())) {
            a.hello("job", "w0", "i0");
            b.hello("job", "w1", "i1");
            a.batch(1, BALANCED, BALANCED);
            a.awaitAck(1);
            a.goodbye();
            assertEquals(Status.Code.OK, a.awaitEnd().getCode());
            assertTrue(!run.isDone(), "one agent is still connected");
            b.batch(1, BALANCED, BALANCED);
            b.awaitAck(1);
            b.goodbye();
            assertEquals(0, exitStatus(run));
        }
        assertTrue(lines.get(0).startsWith("collector listening on 127.0.0.1:"), log());
        assertEquals("exiting: 1 job, 2 batches and 2,000 labels counted, 0 triggered; no report files (no "
                + "--report-dir); exit status 0", lines.get(lines.size() - 1), log());
    }

    @Test
    void exitWhenDoneExitsOneOnceTheStopWasSent(@TempDir Path reports) throws Exception {
        CompletableFuture<Integer> run = serve("--port", "0", "--exit-when-done", "--action", "stop",
                "--report-dir", reports.toString(), "--quiet");
        try (TestAgent agent = TestAgent.connect(port())) {
            agent.hello("job", "w0", "i0");
            agent.batch(1, SKEWED, SKEWED); // the first trigger: 1,000 labels, ratio 99
            agent.awaitAck(1);
            assertFalse(run.isDone(), "the first trigger alone is not the decision (--patience-imbalance 1000)");
            agent.batch(2, SKEWED, SKEWED); // held over 1,000 more labels: Stop
            assertEquals(1, exitStatus(run));
            assertTrue(agent.awaitStop().getFinding().getChecksList().contains("imbalance"));
        }
        String report = Files.readString(reports.resolve("job.json"));
        ReportSchema.validated(report);
        assertTrue(report.contains("\"triggered\" : true"), report);
        assertTrue(report.contains("\"decided\" : true"), report);
        assertTrue(log().contains("TRIGGERED job \"job\""), log());
        assertTrue(log().contains("STOP job \"job\": imbalance held over 1,000 train labels"), log());
        assertTrue(lines.get(lines.size() - 1).matches("exiting: 1 job, 2 batches and 2,000 labels counted, 1 "
                + "triggered; 1 report written to .*; exit status 1"), log());
    }

    @Test
    void patienceOptionsAreValidatedInOneLine() {
        assertUsageError("--patience-imbalance: invalid value \"-1\": not a whole number of labels >= 0", "serve",
                "--patience-imbalance", "-1");
        assertUsageError("--patience-misprediction: invalid value \"many\": not a whole number of labels >= 0",
                "serve", "--patience-misprediction", "many");
        assertUsageError("--patience-misprediction: invalid value \"1.5\"", "evaluate",
                "--patience-misprediction", "1.5", "-");
    }

    @Test
    void ruleOptionsReachTheServer() throws Exception {
        // With samples=2000, 1000 skewed labels are not enough to judge: no trigger, exit 0 when the agent leaves.
        CompletableFuture<Integer> run = serve("--port", "0", "--exit-when-done", "--action", "STOP",
                "--samples", "2000");
        try (TestAgent agent = TestAgent.connect(port())) {
            agent.hello("job", "w0", "i0");
            agent.batch(1, SKEWED, SKEWED);
            agent.awaitAck(1);
            agent.cancel();
            assertEquals(0, exitStatus(run), "an agent gone without Goodbye also ends sidecar mode");
        }
    }

    @Test
    void limitOptionsReachTheServer() throws Exception {
        CompletableFuture<Integer> run = serve("--port", "0", "--exit-when-done", "--max-jobs", "1",
                "--max-instances-per-job", "1", "--max-calls-per-connection", "4", "--max-pending-report-bytes",
                "100000", "--evict-idle-jobs-after", "0");
        try (TestAgent agent = TestAgent.connect(port());
             TestAgent otherJob = TestAgent.connect(port());
             TestAgent otherInstance = TestAgent.connect(port())) {
            agent.hello("job", "w0", "i0");
            Status refused = otherJob.helloRefused("job-2", "w0", "i0");
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getCode());
            assertTrue(refused.getDescription().contains("(--max-jobs 1)"), refused.getDescription());
            refused = otherInstance.helloRefused("job", "w1", "i1");
            assertTrue(refused.getDescription().contains("(--max-instances-per-job 1)"), refused.getDescription());
            agent.goodbye();
            assertEquals(Status.Code.OK, agent.awaitEnd().getCode());
            assertEquals(0, exitStatus(run));
        }
    }

    @Test
    void reportRetentionReachesTheServer(@TempDir Path state) throws Exception {
        serve("--port", "0", "--quiet", "--state-dir", state.toString(), "--max-jobs", "1",
                "--evict-idle-jobs-after", "0", "--report-retention", "2s");
        io.grpc.ManagedChannel channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
                .forAddress("127.0.0.1", port()).usePlaintext().build();
        try {
            for (String job : List.of("a", "b")) { // b makes a leave memory
                try (TestAgent agent = TestAgent.connect(port())) {
                    agent.hello(job, "w0", "i0");
                    agent.batch(1, BALANCED, BALANCED);
                    agent.awaitAck(1);
                    agent.goodbye();
                    assertEquals(Status.Code.OK, agent.awaitEnd().getCode());
                }
            }
            long left = System.nanoTime();
            var stub = dev.skewguard.proto.v1.CollectorGrpc.newBlockingStub(channel);
            var request = dev.skewguard.proto.v1.ReportRequest.newBuilder().setJobId("a").build();
            assertTrue(stub.withDeadlineAfter(10, TimeUnit.SECONDS).getReport(request).getJson()
                    .contains("\"job\" : \"a\""), "within the retention, from the store");
            Thread.sleep(Math.max(0, 2300 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - left)));
            io.grpc.StatusRuntimeException gone = org.junit.jupiter.api.Assertions.assertThrows(
                    io.grpc.StatusRuntimeException.class,
                    () -> stub.withDeadlineAfter(10, TimeUnit.SECONDS).getReport(request));
            assertEquals(Status.Code.NOT_FOUND, gone.getStatus().getCode(), "2 s after it left memory");
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            started.get(10, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void reportRetentionTakesAWholeNumberWithAUnit() {
        RetentionConverter converter = new RetentionConverter();
        assertEquals(java.time.Duration.ofDays(7), converter.convert("7d"));
        assertEquals(java.time.Duration.ofHours(36), converter.convert("36h"));
        assertEquals(java.time.Duration.ofMinutes(90), converter.convert("90m"));
        assertEquals(java.time.Duration.ofSeconds(45), converter.convert("45s"));
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertUsageError("--max-jobs must be at least 1, got 0", "serve", "--max-jobs", "0");
        assertUsageError("--evict-idle-jobs-after must be 0 (only when room is needed) or a number of seconds, got -1",
                "serve", "--evict-idle-jobs-after", "-1");
        assertUsageError("no such action \"maybe\"", "serve", "--action", "maybe");
        assertUsageError("--threshold-imbalance", "serve", "--threshold-imbalance", "0.5");
        assertUsageError("port must be 0..65535", "serve", "--port", "70000");
        assertUsageError("--idle-timeout must be 0 (never) or a number of seconds, got -1", "serve",
                "--idle-timeout", "-1");
        assertUsageError("--report-retention must be a positive whole number with a unit, d (days), h (hours), "
                + "m (minutes) or s (seconds), e.g. 7d or 36h; got '7'", "serve", "--report-retention", "7");
        assertUsageError("got '0d'", "serve", "--report-retention", "0d");
    }

    @Test
    void aPortInUseIsOneClearLineAndStatusTwo() throws Exception {
        try (CollectorServer other = CollectorServer.start(ServerOptions.builder().port(0).quiet(true).build())) {
            assertEquals(2, exitStatus(serve("--port", String.valueOf(other.port()))));
            assertEquals(1, lines.size(), log());
            assertTrue(lines.get(0).startsWith("cannot listen on 127.0.0.1:" + other.port() + ": ")
                    && lines.get(0).endsWith("Address already in use"), log());
        }
    }

    @Test
    void httpPortServesTheDashboardAndSaysWhere() throws Exception {
        CompletableFuture<Integer> run = serve("--port", "0", "--http-port", "0", "--idle-timeout", "2");
        CollectorServer server = started.get(10, TimeUnit.SECONDS);
        int http = server.httpPort().orElseThrow();
        assertTrue(log().contains(", dashboard on http://127.0.0.1:" + http + "/"), log());
        java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + http + "/")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("assets/dashboard.js"), page.body());
        assertEquals(4, exitStatus(run));
    }

    @Test
    void aDashboardPortInUseIsOneClearLineAndStatusTwo() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            assertEquals(2, exitStatus(serve("--port", "0", "--http-port", String.valueOf(taken.getLocalPort()))));
            assertEquals(1, lines.size(), log());
            assertTrue(lines.get(0).startsWith("cannot serve the dashboard on 127.0.0.1:" + taken.getLocalPort()
                    + ": "), log());
        }
    }

    @Test
    void idleTimeoutWithNoAgentEverConnectedExitsFourWithOneLine() throws Exception {
        CompletableFuture<Integer> run = serve("--port", "0", "--exit-when-done", "--idle-timeout", "1", "--quiet");
        int port = port();
        assertEquals(CollectorMain.EXIT_NO_AGENT, exitStatus(run));
        List<String> said = lines.stream().filter(l -> l.startsWith("no agent connected")).toList();
        assertEquals(List.of("no agent connected within 1 s (--idle-timeout): check that the training's agent has "
                + "endpoint=127.0.0.1:" + port + " (or this host's address) and that the training captured a "
                + "batch; exit status 4"), said, log());
        assertTrue(lines.get(lines.size() - 1).endsWith("; exit status 4"), log());
    }

    @Test
    void idleTimeoutAfterTheLastAgentLeftExitsWithTheVerdict() throws Exception {
        // Without --exit-when-done the collector would run on; the idle timeout ends it once the agent has gone.
        CompletableFuture<Integer> run = serve("--port", "0", "--idle-timeout", "1", "--quiet");
        try (TestAgent agent = TestAgent.connect(port())) {
            agent.hello("job", "w0", "i0");
            agent.batch(1, SKEWED, SKEWED);
            agent.awaitAck(1);
            agent.goodbye();
            assertEquals(Status.Code.OK, agent.awaitEnd().getCode());
            assertEquals(1, exitStatus(run), log());
        }
        assertTrue(log().contains("done (no agent connected for 1 s (--idle-timeout)), exit status 1"), log());
    }

    @Test
    void aReportDirThatIsAFileIsOneLineAtStartWithWhyAndWhatToDo(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("reports"), "not a directory");
        assertEquals(2, exitStatus(serve("--port", "0", "--report-dir", file.toString())));
        assertEquals(List.of("cannot write reports to " + file + " (--report-dir): " + file + " is a file, not a "
                + "directory: give a directory path (it is created if missing)"), lines);

        lines.clear();
        Path below = file.resolve("sub");
        assertEquals(2, exitStatus(serve("--port", "0", "--report-dir", below.toString())));
        assertEquals(1, lines.size(), log());
        assertTrue(lines.get(0).startsWith("cannot write reports to " + below + " (--report-dir): "), log());
        assertTrue(lines.get(0).contains(file + " is a file, not a directory")
                || lines.get(0).contains("Not a directory"), log());
    }

    private static void assertUsageError(String expected, String... args) {
        StringWriter out = new StringWriter();
        CommandLine main = CollectorMain.commandLine(new ByteArrayInputStream(new byte[0]));
        main.setErr(new PrintWriter(out, true));
        assertEquals(2, main.execute(args), out.toString());
        assertTrue(out.toString().contains(expected), out.toString());
    }
}
