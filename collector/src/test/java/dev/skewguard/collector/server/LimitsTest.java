package dev.skewguard.collector.server;

import static dev.skewguard.collector.server.TestAgent.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skewguard.collector.jobs.JobRegistry;
import dev.skewguard.collector.options.Limits;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.options.ServerOptionsBuilder;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.collector.reportfiles.ReportFiles;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.CollectorGrpc;
import dev.skewguard.proto.v1.Hello;
import dev.skewguard.proto.v1.ReportRequest;
import dev.skewguard.proto.v1.ReportResponse;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What clients can make the collector hold is bounded ({@link Limits}): refused beyond, or released. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LimitsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    final List<String> log = new CopyOnWriteArrayList<>();
    final List<ManagedChannel> channels = new ArrayList<>();
    CollectorServer collector;

    CollectorServer start(ServerOptionsBuilder options) throws Exception {
        collector = CollectorServer.start(options.port(0).log(log::add).build());
        return collector;
    }

    ManagedChannel channel() {
        ManagedChannel channel = TestAgent.channel(collector.port());
        channels.add(channel);
        return channel;
    }

    @AfterEach
    void close() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        if (collector != null) {
            collector.close();
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    static AgentMessage hello(String job, String worker, String instance) {
        return AgentMessage.newBuilder().setHello(Hello.newBuilder().setJobId(job).setWorkerId(worker)
                .setInstanceId(instance)).build();
    }

    /** A GetReport whose client never reads the answer (no request(n)): its bytes stay in the collector. */
    static final class UnreadReport extends ClientCall.Listener<ReportResponse> {
        volatile Status closed;

        @Override
        public void onClose(Status status, Metadata trailers) {
            closed = status;
        }
    }

    @Test
    void unreadReportAnswersStayWithinTheLimitAndBeyondItAreRefused() throws Exception {
        start(ServerOptions.builder());
        int[] classes = IntStream.range(0, 5000).toArray(); // many classes: a report larger than a flow window
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("big", "w0", "i0");
            agent.batch(1, classes, classes);
            agent.awaitAck(1);
        }
        int reportBytes = collector.reportJson("big").orElseThrow().length();
        assertTrue(reportBytes > 65535, "report of " + reportBytes + " bytes");
        collector.close();
        // Room for 3 unread answers.
        long limit = 3L * reportBytes + reportBytes / 2;
        start(ServerOptions.builder().limits(Limits.DEFAULTS.withMaxPendingReportBytes(limit)));
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("big", "w0", "i0");
            agent.batch(1, classes, classes);
            agent.awaitAck(1);
        }

        // HTTP/2's smallest flow window: no answer fits into the client's buffers, each stays in the collector.
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", collector.port()).usePlaintext()
                .flowControlWindow(65535).maxInboundMessageSize(64 * 1024 * 1024).build();
        channels.add(channel);
        List<ClientCall<ReportRequest, ReportResponse>> calls = new ArrayList<>();
        List<UnreadReport> listeners = new ArrayList<>();
        int n = 12;
        for (int i = 0; i < n; i++) {
            ClientCall<ReportRequest, ReportResponse> call =
                    channel.newCall(CollectorGrpc.getGetReportMethod(), CallOptions.DEFAULT);
            UnreadReport listener = new UnreadReport();
            call.start(listener, new Metadata());
            call.sendMessage(ReportRequest.newBuilder().setJobId("big").build());
            call.halfClose(); // and never call.request(1): the answer is never read
            calls.add(call);
            listeners.add(listener);
        }
        // Every call is either refused or holds its answer in the collector, unread.
        await("each call refused or pending", () -> listeners.stream().filter(l -> l.closed != null).count()
                + collector.pendingReportBytes() / reportBytes >= n);
        long refused = listeners.stream()
                .filter(l -> l.closed != null && l.closed.getCode() == Status.Code.RESOURCE_EXHAUSTED).count();
        assertTrue(collector.pendingReportBytes() <= limit, collector.pendingReportBytes() + " pending bytes");
        assertTrue(collector.pendingReportBytes() >= reportBytes, "at least one answer was admitted");
        assertEquals(n - 3, refused, "calls refused beyond the room for 3 answers");
        String why = listeners.stream().filter(l -> l.closed != null).findFirst().orElseThrow().closed
                .getDescription();
        assertTrue(why.contains("not yet read") && why.contains("--max-pending-report-bytes"), why);

        // Cancelled unread calls release their bytes; a reader is then served again.
        calls.forEach(call -> call.cancel("test done", null));
        await("pending bytes released", () -> collector.pendingReportBytes() == 0);
        ReportResponse read = CollectorGrpc.newBlockingStub(channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .getReport(ReportRequest.newBuilder().setJobId("big").build());
        assertEquals("big", ReportSchema.validated(read.getJson()).get("job").asText());
        await("the read answer's bytes released", () -> collector.pendingReportBytes() == 0);
    }

    @Test
    void callsPerConnectionAreBoundedAndExtraOnesWait() throws Exception {
        start(ServerOptions.builder().limits(Limits.DEFAULTS.withMaxCallsPerConnection(3)));
        ManagedChannel channel = channel();
        // One stream first, so that the client has the collector's SETTINGS (at most 3 streams) before it opens
        // more: streams opened before them would be refused by the transport instead of waiting on the client.
        TestAgent first = TestAgent.on(channel);
        first.hello("job", "w0", "i0");
        List<TestAgent> agents = new ArrayList<>();
        for (int i = 1; i < 5; i++) {
            TestAgent agent = TestAgent.on(channel);
            agent.send(hello("job", "w" + i, "i" + i));
            agents.add(agent);
        }
        await("3 streams open", () -> connectedWorkers("job") == 3);
        Thread.sleep(300); // room for the two others to arrive, if the collector let them
        assertEquals(3, connectedWorkers("job"), "streams beyond the limit wait on the client");
        for (TestAgent agent : agents) {
            assertTrue(agent.ended.getNow(null) == null, "a stream beyond the limit waits, it is not refused");
        }
    }

    @Test
    void instancesPerJobAreBoundedAndAReconnectIsStillWelcome() throws Exception {
        start(ServerOptions.builder().limits(Limits.DEFAULTS.withMaxInstancesPerJob(5)));
        ManagedChannel channel = channel();
        for (int i = 0; i < 5; i++) {
            TestAgent agent = TestAgent.on(channel);
            agent.hello("job", "w" + i, "i" + i);
            agent.batch(1, repeat(0, 3), repeat(0, 3));
            agent.awaitAck(1);
            agent.goodbye();
            agent.awaitEnd();
        }
        TestAgent sixth = TestAgent.on(channel);
        sixth.send(hello("job", "w5", "i5"));
        Status refused = sixth.awaitEnd();
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getCode());
        assertTrue(refused.getDescription().contains("--max-instances-per-job 5"), refused.getDescription());
        assertTrue(log.stream().anyMatch(line -> line.contains("RESOURCE_EXHAUSTED")
                && line.contains("--max-instances-per-job")), log.toString());

        TestAgent again = TestAgent.on(channel);
        assertEquals(1, again.hello("job", "w0", "i0").getLastCountedSequence(), "a known instance reconnects");
        assertEquals(5, workers("job"));
        assertEquals(15, report("job").get("samples_seen").asLong());
    }

    @Test
    void atTheJobLimitFinishedJobsLeaveMemoryAndKeepTheirReportFile(@TempDir Path dir) throws Exception {
        start(ServerOptions.builder().reportDir(dir).reportInterval(Duration.ofHours(1))
                .limits(Limits.DEFAULTS.withMaxJobs(3).withEvictIdleJobsAfter(Duration.ZERO)));
        ManagedChannel channel = channel();
        List<TestAgent> running = new ArrayList<>();
        for (String job : List.of("a", "b", "c")) {
            TestAgent agent = TestAgent.on(channel);
            agent.hello(job, "w0", "i0");
            agent.batch(1, repeat(0, 7), repeat(0, 7));
            agent.awaitAck(1);
            running.add(agent);
        }
        TestAgent fourth = TestAgent.on(channel);
        fourth.send(hello("d", "w0", "i0"));
        Status refused = fourth.awaitEnd();
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getCode());
        assertTrue(refused.getDescription().contains("--max-jobs 3"), refused.getDescription());

        running.get(0).goodbye(); // job "a" is finished
        running.get(0).awaitEnd();
        // A flood of short jobs: each one finished makes room for the next; memory holds 3 jobs at most.
        for (int i = 0; i < 100; i++) {
            TestAgent agent = TestAgent.on(channel);
            agent.hello("flood-" + i, "w0", "i0");
            agent.goodbye();
            agent.awaitEnd();
            assertTrue(collector.jobsHeld() <= 3, collector.jobsHeld() + " jobs held");
        }
        assertFalse(collector.reportJson("a").isPresent(), "job a left memory");
        assertTrue(collector.reportJson("b").isPresent() && collector.reportJson("c").isPresent(),
                "jobs with agents connected stay");
        JsonNode written = ReportSchema.validated(Files.readString(ReportFiles.fileFor(dir, "a")));
        assertEquals(7, written.get("samples_seen").asLong(), "its final report was written as it left");
        assertEquals(0, written.get("connected_workers").asLong());
    }

    @Test
    void jobsWithoutAgentsLeaveMemoryAfterTheIdleTime() throws Exception {
        start(ServerOptions.builder().limits(Limits.DEFAULTS.withEvictIdleJobsAfter(Duration.ofMillis(50))));
        ManagedChannel channel = channel();
        for (int i = 0; i < 50; i++) {
            TestAgent agent = TestAgent.on(channel);
            agent.hello("crashed-" + i, "w0", "i0");
            agent.cancel(); // gone without Goodbye
        }
        await("every job left memory", () -> collector.jobsHeld() == 0);
    }

    @Test
    void withAStateDirAJobThatLeftMemoryComesBackAsItLeft(@TempDir Path dir) throws Exception {
        start(ServerOptions.builder().stateDir(dir)
                .limits(Limits.DEFAULTS.withEvictIdleJobsAfter(Duration.ofMillis(50))));
        ManagedChannel channel = channel();
        TestAgent first = TestAgent.on(channel);
        first.hello("job", "w0", "i0");
        first.batch(1, repeat(0, 3), repeat(0, 3));
        first.batch(2, repeat(1, 4), repeat(1, 4));
        first.awaitAck(2);
        first.cancel(); // gone without Goodbye: it leaves memory once idle
        await("the job left memory", () -> collector.jobsHeld() == 0);

        TestAgent back = TestAgent.on(channel);
        assertEquals(2, back.hello("job", "w0", "i0").getLastCountedSequence(),
                "the instance resumes where the store kept it, not from 0");
        back.batch(3, repeat(2, 5), repeat(2, 5));
        back.awaitAck(3);
        assertEquals(12, report("job").get("samples_seen").asLong(), "the counts before it left are kept");
    }

    @Test
    void aJobRestoredAtStartIsIdleFromTheRestartNotFromBefore(@TempDir Path dir) throws Exception {
        ServerOptionsBuilder options = ServerOptions.builder().stateDir(dir)
                .limits(Limits.DEFAULTS.withEvictIdleJobsAfter(Duration.ofSeconds(3)));
        start(options);
        TestAgent agent = TestAgent.on(channel());
        agent.hello("job", "w0", "i0");
        agent.batch(1, repeat(0, 3), repeat(0, 3));
        agent.awaitAck(1);
        collector.close();
        start(options);
        assertEquals(1, collector.jobsHeld(), "restored");
        Thread.sleep(1500); // three eviction checks (every 750 ms), each of which would evict a job idle for 3 s
        assertEquals(1, collector.jobsHeld(), "its agents get the idle time to come back after a restart");
    }

    @Test
    void aFinishedJobStaysReadableUntilItHasBeenIdleForTheEvictionTime() throws Exception {
        start(ServerOptions.builder().limits(Limits.DEFAULTS.withEvictIdleJobsAfter(Duration.ofSeconds(3))));
        TestAgent agent = TestAgent.on(channel());
        agent.hello("job", "w0", "i0");
        agent.batch(1, repeat(0, 3), repeat(0, 3));
        agent.awaitAck(1);
        agent.goodbye();
        agent.awaitEnd();
        Thread.sleep(1500); // two eviction checks (every 750 ms): a finished job is not idle for 3 s yet
        assertEquals(1, collector.jobsHeld(), "a job whose agents all said Goodbye stays readable");
        assertEquals(3, report("job").get("samples_seen").asLong());
        await("the job left memory once idle for 3 s", () -> collector.jobsHeld() == 0);
    }

    @Test
    void helloDoesNotRewriteTheReportAndAnUnchangedReportIsNotRebuilt(@TempDir Path dir) throws Exception {
        start(ServerOptions.builder().reportDir(dir).reportInterval(Duration.ofHours(1)));
        ManagedChannel channel = channel();
        for (int i = 0; i < 50; i++) {
            TestAgent.on(channel).hello("job", "w" + i, "i" + i);
        }
        assertFalse(Files.exists(ReportFiles.fileFor(dir, "job")), "no report file is written per Hello");
        assertSame(collector.reportJson("job").orElseThrow(), collector.reportJson("job").orElseThrow(),
                "an unchanged report is built once");
        collector.close();
        assertEquals(50, ReportSchema.validated(Files.readString(ReportFiles.fileFor(dir, "job"))).get("workers").size());
    }

    @Test
    void linesOfRefusedStreamsAreRateLimited() throws Exception {
        start(ServerOptions.builder());
        ManagedChannel channel = channel();
        int n = JobRegistry.REFUSED_LINES + 30;
        for (int i = 0; i < n; i++) {
            TestAgent agent = TestAgent.on(channel);
            agent.batch(1, repeat(0, 1), repeat(0, 1)); // before Hello: FAILED_PRECONDITION
            assertEquals(Status.Code.FAILED_PRECONDITION, agent.awaitEnd().getCode());
        }
        long lines = log.stream().filter(line -> line.startsWith("closed the stream")).count();
        assertEquals(JobRegistry.REFUSED_LINES, lines, log.toString());
    }

    JsonNode report(String job) throws Exception {
        return ReportSchema.validated(collector.reportJson(job).orElseThrow());
    }

    long workers(String job) {
        return collector.reportJson(job).map(json -> {
            try {
                return (long) JSON.readTree(json).get("workers").size();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).orElse(0L);
    }

    long connectedWorkers(String job) {
        return collector.reportJson(job).map(json -> {
            try {
                return JSON.readTree(json).get("connected_workers").asLong();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).orElse(0L);
    }
}
