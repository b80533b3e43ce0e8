package dev.skewguard.collector.server;

import static dev.skewguard.collector.server.TestAgent.concat;
import static dev.skewguard.collector.server.TestAgent.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.options.ServerOptionsBuilder;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.collector.reportfiles.ReportFiles;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.transport.AckCoalescing;
import dev.skewguard.proto.v1.Ack;
import dev.skewguard.proto.v1.CollectorGrpc;
import dev.skewguard.proto.v1.Mode;
import dev.skewguard.proto.v1.ReportRequest;
import dev.skewguard.proto.v1.Stop;
import dev.skewguard.proto.v1.Welcome;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The collector against real clients on loopback: Stop, Welcome, one verdict per job, dedup, reports. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CollectorServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** 990 of class 0 and 10 of class 1, predicted right: imbalance ratio 99 over the 500 samples gate. */
    static final int[] SKEWED = concat(repeat(0, 990), repeat(1, 10));

    final List<String> log = new CopyOnWriteArrayList<>();
    CollectorServer collector;

    CollectorServer start(ServerOptionsBuilder options) throws Exception {
        collector = CollectorServer.start(options.port(0).log(log::add).build());
        return collector;
    }

    @AfterEach
    void close() {
        if (collector != null) {
            collector.close();
        }
    }

    static JsonNode json(String text) throws Exception {
        return ReportSchema.validated(text);
    }

    /** Waits (at most 10 s) for a log line that satisfies the condition. */
    void awaitLog(java.util.function.Predicate<String> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (log.stream().noneMatch(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such log line within 10 s: " + log);
            }
            Thread.sleep(10);
        }
    }

        JsonNode report(String job) throws Exception {
        return json(collector.reportJson(job).orElseThrow());
    }

    @Test
    void actionStopSendsStopToTheTriggeringStreamAndTheJobsOtherAgents() throws Exception {
        start(ServerOptions.builder().action(Action.STOP).patience(Patience.NONE));
        try (TestAgent trigger = TestAgent.connect(collector.port());
             TestAgent other = TestAgent.connect(collector.port());
             TestAgent otherJob = TestAgent.connect(collector.port())) {
            trigger.hello("job-a", "w0", "i0");
            other.hello("job-a", "w1", "i1");
            otherJob.hello("job-b", "w0", "i2");
            trigger.batch(1, SKEWED, SKEWED);
            Stop stop = trigger.awaitStop();
            assertEquals(List.of("imbalance"), stop.getFinding().getChecksList());
            assertEquals(99.0, stop.getFinding().getRatio(), 1e-9);
            assertEquals(1, stop.getFinding().getStep());
            assertEquals("w0", stop.getFinding().getWorkerId());
            assertEquals(1, trigger.awaitAck(1));
            assertEquals(stop, other.awaitStop());

            otherJob.goodbye();
            assertEquals(Status.Code.OK, otherJob.awaitEnd().getCode());
            assertTrue(otherJob.stops.isEmpty(), "another job's agent must not be stopped");
            assertTrue(report("job-a").get("stopped").asBoolean());
            assertTrue(log.stream().anyMatch(line -> line.contains("TRIGGERED job \"job-a\"")
                    && line.contains("imbalance") && line.contains("step 1") && line.contains("sent Stop to 2")),
                    "one actionable trigger line: " + log);
        }
    }

    /**
     * The first trigger alone stops nothing: Stop goes out after the record at which the imbalance check has kept
     * firing over its patience (1,000 train labels by default), and says both moments.
     */
    @Test
    void stopGoesOutOnlyOnceTheCheckHeldOverItsPatience() throws Exception {
        start(ServerOptions.builder().action(Action.STOP));
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("job", "w0", "i0");
            agent.batch(1, SKEWED, SKEWED); // 1,000 labels: the first trigger
            agent.awaitAck(1);
            agent.batch(2, repeat(0, 500), repeat(0, 500)); // held over 500 labels
            agent.awaitAck(2);
            assertTrue(agent.stops.isEmpty(), "no Stop before the patience ran out");
            JsonNode before = report("job");
            assertTrue(before.get("triggered").asBoolean());
            assertEquals(1, before.get("finding").get("step").asLong());
            assertEquals(1000, before.get("finding").get("labels").asLong());
            assertFalse(before.get("stopped").asBoolean());
            JsonNode pending = before.get("stop_decision");
            assertFalse(pending.get("decided").asBoolean());
            assertEquals("imbalance", pending.get("holding").get(0).get("check").asText());
            assertEquals(1, pending.get("holding").get(0).get("since_step").asLong());
            assertEquals(500, pending.get("holding").get(0).get("held_labels").asLong());
            assertTrue(log.stream().anyMatch(line -> line.contains("TRIGGERED job \"job\": imbalance at train step 1")
                    && line.contains("Stop follows if imbalance keeps firing over 1,000 more train labels "
                            + "(--patience-imbalance); advice: class weights 1: 50, 0: 0.5051 (w_c = N / (K * n_c) "
                            + "over 1,000 train labels of 2 classes)")), log.toString());

            agent.batch(3, repeat(0, 500), repeat(0, 500)); // held over 1,000 labels: the decision
            Stop stop = agent.awaitStop();
            assertEquals(3, stop.getFinding().getStep());
            assertEquals(1, stop.getFinding().getFirstTriggerStep());
            assertEquals(Mode.MODE_TRAIN, stop.getFinding().getFirstTriggerMode());
            assertEquals(1, stop.getFinding().getHeldSinceStep());
            assertEquals(1000, stop.getFinding().getHeldLabels());
            assertEquals(List.of("imbalance"), stop.getFinding().getChecksList());
            assertEquals(199.0, stop.getFinding().getRatio(), 1e-9, "1,990 / 10 at the decision");
            assertTrue(stop.getFinding().getSummary().endsWith("imbalance held over 1,000 train labels since train "
                    + "step 1; first trigger at train step 1"), stop.getFinding().getSummary());
            JsonNode after = report("job");
            assertTrue(after.get("stopped").asBoolean());
            JsonNode decided = after.get("stop_decision");
            assertTrue(decided.get("decided").asBoolean());
            assertEquals(3, decided.get("step").asLong());
            assertEquals(2000, decided.get("labels").asLong());
            assertEquals(1000, decided.get("held_labels").asLong());
            assertEquals(1, decided.get("held_since_step").asLong());
            assertEquals("imbalance", decided.get("checks").get(0).asText());
            // The line is written once the Stop went out (it says to how many agents): wait for it.
            awaitLog(line -> line.startsWith("STOP job \"job\": imbalance held over 1,000 train labels "
                    + "from train step 1 to train step 3 (first trigger at train step 1)")
                    && line.contains("sent Stop to 1 agent"));
        }
    }

    /** A check that stops firing resets the decision: it needs its whole patience again from where it fires anew. */
    @Test
    void aCheckThatStopsHoldingResetsTheDecision() throws Exception {
        start(ServerOptions.builder().action(Action.STOP).patience(new Patience(1000, 1000)));
        int[] twoClasses = concat(repeat(0, 250), repeat(1, 250));
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("job", "w0", "i0");
            agent.batch(1, twoClasses, repeat(0, 500)); // class 1 all mispredicted: the first trigger
            agent.batch(2, twoClasses, twoClasses); // class 1 at 250 / 500 = 0.5: no longer fires
            agent.batch(3, repeat(1, 1000), repeat(0, 1000)); // 1,250 / 1,500 = 0.83: fires again, a new span
            agent.batch(4, repeat(1, 500), repeat(0, 500)); // held over 500 labels
            agent.awaitAck(4);
            assertTrue(agent.stops.isEmpty(), "the span before the reset does not count");
            JsonNode report = report("job");
            assertTrue(report.get("triggered").asBoolean());
            assertEquals(1, report.get("stop_decision").get("resets").asLong());
            assertEquals(3, report.get("stop_decision").get("holding").get(0).get("since_step").asLong());
            assertTrue(log.stream().anyMatch(line -> line.equals("job \"job\": misprediction stopped "
                    + "holding after 500 train labels (since train step 1); the stop decision starts again")),
                    log.toString());

            agent.batch(5, repeat(1, 500), repeat(0, 500)); // held over 1,000 labels since step 3
            Stop stop = agent.awaitStop();
            assertEquals(5, stop.getFinding().getStep());
            assertEquals(3, stop.getFinding().getHeldSinceStep());
            assertEquals(1, stop.getFinding().getFirstTriggerStep());
            assertEquals(List.of("misprediction"), stop.getFinding().getChecksList());
        }
    }

    /** Each Ack says how far the job is from a verdict: this agent's share of the rule's headroom. */
    @Test
    void acksCarryTheJobsHeadroomSharedAmongItsAgents() throws Exception {
        start(ServerOptions.builder().ruleParameters(RuleParameters.builder().samples(100).build()));
        try (TestAgent a = TestAgent.connect(collector.port()); TestAgent b = TestAgent.connect(collector.port())) {
            a.hello("job", "w0", "i0");
            int[] balanced = concat(repeat(0, 10), repeat(1, 10));
            a.batch(1, balanced, balanced);
            Ack first = a.awaitAckMessage(1);
            assertTrue(first.hasLabelsToSpare());
            assertEquals(100 - 20 - 1, first.getLabelsToSpare(), "below the samples gate: what keeps it below");
            assertEquals(2, first.getClassesBelow());
            assertEquals(List.of(Mode.MODE_TRAIN), first.getCountedModesList());

            b.hello("job", "w1", "i1");
            b.batch(1, balanced, balanced);
            assertEquals((100 - 40 - 1) / 2, b.awaitAckMessage(1).getLabelsToSpare(), "two agents share it");
        }
    }

    @Test
    void actionLogDoesNotSendStop() throws Exception {
        start(ServerOptions.builder().action(Action.LOG));
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("job", "w0", "i0");
            agent.batch(1, SKEWED, SKEWED);
            assertEquals(1, agent.awaitAck(1));
            agent.goodbye();
            assertEquals(Status.Code.OK, agent.awaitEnd().getCode());
            assertTrue(agent.stops.isEmpty(), "no Stop with --action log");
            JsonNode report = report("job");
            assertTrue(report.get("triggered").asBoolean());
            assertFalse(report.get("stopped").asBoolean());
            assertTrue(log.stream().anyMatch(line -> line.contains("TRIGGERED job \"job\"")), log.toString());
        }
        try (TestAgent later = TestAgent.connect(collector.port())) {
            Welcome welcome = later.hello("job", "w1", "i1");
            assertFalse(welcome.getJobStopped());
            assertFalse(welcome.hasStop());
        }
    }

    @Test
    void anAgentOfAStoppedJobConnectingLaterGetsStopInWelcome() throws Exception {
        start(ServerOptions.builder().action(Action.STOP).patience(Patience.NONE));
        Stop stop;
        try (TestAgent first = TestAgent.connect(collector.port())) {
            first.hello("job", "w0", "i0");
            first.batch(1, SKEWED, SKEWED);
            stop = first.awaitStop();
            first.goodbye();
            assertEquals(Status.Code.OK, first.awaitEnd().getCode());
        }
        try (TestAgent later = TestAgent.connect(collector.port())) {
            Welcome welcome = later.hello("job", "w1", "i1");
            assertTrue(welcome.getJobStopped());
            assertEquals(stop, welcome.getStop());
            later.batch(1, repeat(0, 10), repeat(0, 10));
            later.awaitAck(1);
            later.goodbye();
            later.awaitEnd();
            assertTrue(later.stops.isEmpty(), "Stop in Welcome is not sent a second time");
        }
    }

    @Test
    void twoWorkersOfOneJobAddIntoOneVerdict() throws Exception {
        start(ServerOptions.builder().action(Action.STOP).patience(Patience.NONE));
        try (TestAgent a = TestAgent.connect(collector.port()); TestAgent b = TestAgent.connect(collector.port())) {
            a.hello("job", "w0", "i0");
            b.hello("job", "w1", "i1");
            // Neither alone reaches the 500 samples gate; together they do, with ratio 480 / 20 = 24 > 10.
            a.batch(1, repeat(0, 480), repeat(0, 480));
            a.awaitAck(1);
            assertFalse(report("job").get("triggered").asBoolean());
            b.batch(1, repeat(1, 20), repeat(1, 20));
            Stop stop = b.awaitStop();
            assertEquals("w1", stop.getFinding().getWorkerId());
            assertEquals(24.0, stop.getFinding().getRatio(), 1e-9);
            assertEquals(stop, a.awaitStop());
            JsonNode report = report("job");
            assertEquals(500, report.get("samples_seen").asLong());
            assertEquals(2, report.get("workers").size());
            assertEquals(2, report.get("batches_counted").asLong());
        }
    }

    @Test
    void coalescedAcksStillCoverEveryBatchIncludingATailShorterThanTheCoalescingCount() throws Exception {
        start(ServerOptions.builder());
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("job", "w0", "i0");
            int batches = AckCoalescing.UNKNOWN_WINDOW_EVERY_BATCHES * 2 + 5;
            for (int b = 1; b <= batches; b++) {
                agent.batch(b, repeat(b % 2, 10), repeat(b % 2, 10));
            }
            // The last 5 are fewer than the coalescing count: the timer must acknowledge them.
            assertEquals(batches, agent.awaitAck(batches));
            agent.batch(batches + 1, repeat(0, 10), repeat(0, 10));
            assertEquals(batches + 1, agent.awaitAck(batches + 1), "a lone batch is acknowledged too");
            assertEquals(batches + 1, report("job").get("batches_counted").asLong());
        }
    }

    @Test
    void batchesInOneMessageCountLikeSeparateBatchesDuplicatesIncluded() throws Exception {
        start(ServerOptions.builder());
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("job", "w0", "i0");
            agent.batch(1, repeat(0, 100), repeat(0, 100));
            // 1 again (already counted: acknowledged, not counted twice), then 2..4.
            agent.batches(TestAgent.batchOf(1, repeat(0, 100), repeat(0, 100)),
                    TestAgent.batchOf(2, repeat(1, 100), repeat(1, 100)),
                    TestAgent.batchOf(3, repeat(2, 100), repeat(2, 100)),
                    TestAgent.batchOf(4, repeat(3, 100), repeat(0, 100)));
            assertEquals(4, agent.awaitAck(4));
            agent.batch(5, repeat(3, 100), repeat(3, 100));
            assertEquals(5, agent.awaitAck(5), "single batches follow on");
            JsonNode report = report("job");
            assertEquals(500, report.get("samples_seen").asLong());
            assertEquals(5, report.get("batches_counted").asLong());
            assertEquals(1, report.get("duplicate_batches").asLong());
        }
    }

    @Test
    void aBatchResentAfterReconnectingCountsOnce() throws Exception {
        start(ServerOptions.builder());
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            assertEquals(0, agent.hello("job", "w0", "i0").getLastCountedSequence());
            agent.batch(1, repeat(0, 100), repeat(0, 100));
            agent.batch(2, repeat(1, 100), repeat(1, 100));
            assertEquals(2, agent.awaitAck(2));
            agent.cancel();
        }
        try (TestAgent again = TestAgent.connect(collector.port())) {
            Welcome welcome = again.hello("job", "w0", "i0");
            assertEquals(2, welcome.getLastCountedSequence());
            again.batch(2, repeat(1, 100), repeat(1, 100));
            assertEquals(2, again.awaitAck(2), "a resent batch is acknowledged again");
            again.batch(3, repeat(2, 100), repeat(2, 100));
            assertEquals(3, again.awaitAck(3));
            JsonNode report = report("job");
            assertEquals(300, report.get("samples_seen").asLong());
            assertEquals(3, report.get("batches_counted").asLong());
            assertEquals(1, report.get("duplicate_batches").asLong());
        }
        try (TestAgent other = TestAgent.connect(collector.port())) {
            assertEquals(0, other.hello("job", "w0", "i-restarted").getLastCountedSequence(),
                    "sequences are per instance");
        }
    }

    @Test
    void theReportFileAndGetReportAgree(@TempDir Path dir) throws Exception {
        start(ServerOptions.builder().reportDir(dir).action(Action.STOP).patience(Patience.NONE)
                .reportInterval(java.time.Duration.ofMillis(100)));
        ManagedChannel channel = TestAgent.channel(collector.port());
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("job/1", "w0", "i0");
            agent.batch(1, SKEWED, SKEWED);
            agent.awaitStop();
            agent.batch(2, repeat(1, 5), repeat(0, 5));
            agent.awaitAck(2);
            agent.goodbye();
            agent.awaitEnd();
            CollectorGrpc.CollectorBlockingStub stub = CollectorGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS);
            JsonNode unary = json(stub.getReport(ReportRequest.newBuilder().setJobId("job/1").build()).getJson());
            Path file = ReportFiles.fileFor(dir, "job/1");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            JsonNode written = null;
            while (System.nanoTime() < deadline) {
                if (Files.exists(file)) {
                    written = json(Files.readString(file));
                    if (written.equals(unary)) {
                        break;
                    }
                }
                Thread.sleep(50);
            }
            assertEquals(unary, written, "report file " + file);
            assertEquals("job/1", unary.get("job").asText());
            assertTrue(unary.get("triggered").asBoolean());
            assertEquals(1005, unary.get("samples_seen").asLong());
            assertEquals(unary, json(collector.reportJson("job/1").orElseThrow()));

            StatusRuntimeException unknown = org.junit.jupiter.api.Assertions.assertThrows(
                    StatusRuntimeException.class,
                    () -> stub.getReport(ReportRequest.newBuilder().setJobId("nobody").build()));
            assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
            try (var files = Files.list(dir)) {
                assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
            }
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void closingEndsStreamsWithUnavailableAndWritesFinalReports(@TempDir Path dir) throws Exception {
        start(ServerOptions.builder().reportDir(dir).reportInterval(java.time.Duration.ofHours(1)));
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("job", "w0", "i0");
            agent.batch(1, repeat(0, 7), repeat(0, 7));
            agent.awaitAck(1);
            long started = System.nanoTime();
            collector.close();
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "close takes a few seconds");
            assertEquals(Status.Code.UNAVAILABLE, agent.awaitEnd().getCode());
            JsonNode written = json(Files.readString(ReportFiles.fileFor(dir, "job")));
            assertEquals(7, written.get("samples_seen").asLong());
            assertEquals(0, written.get("connected_workers").asLong());
        }
    }

    @Test
    void dropsReportedByAgentsAddUpInTheReport() throws Exception {
        start(ServerOptions.builder());
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("job", "w0", "i0");
            agent.send(dev.skewguard.proto.v1.AgentMessage.newBuilder().setBatch(
                    TestAgent.batchOf(1, repeat(0, 3), repeat(0, 3)).toBuilder().setDroppedSincePrevious(4)).build());
            agent.send(dev.skewguard.proto.v1.AgentMessage.newBuilder().setBatch(
                    TestAgent.batchOf(2, repeat(0, 3), repeat(0, 3)).toBuilder().setDroppedSincePrevious(2)).build());
            agent.awaitAck(2);
            assertEquals(6, report("job").get("dropped_batches").asLong());
            agent.send(dev.skewguard.proto.v1.AgentMessage.newBuilder().setGoodbye(
                    dev.skewguard.proto.v1.Goodbye.newBuilder().setDroppedTotal(9).setUnsent(1)).build());
            assertEquals(Status.Code.OK, agent.awaitEnd().getCode());
            JsonNode report = report("job");
            assertEquals(9, report.get("dropped_batches").asLong());
            assertEquals(1, report.get("unsent_batches").asLong());
        }
    }

    @Test
    void aProgressLinePerActiveJobEveryFewSecondsUnlessQuiet() throws Exception {
        start(ServerOptions.builder().progressInterval(java.time.Duration.ofMillis(100)));
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("job", "w0", "i0");
            agent.batch(1, concat(repeat(0, 30), repeat(1, 10)), concat(repeat(0, 30), repeat(0, 10)));
            agent.awaitAck(1);
            String line = awaitLogLine("job \"job\": 40 train labels");
            assertTrue(line.contains("ratio 3.00"), line);
            assertTrue(line.contains("worst misprediction class 1 at 100%"), line);
            assertTrue(line.contains("batches/s"), line);
            assertTrue(line.contains("1 worker connected"), line);
        }
    }

    @Test
    void quietMeansNoProgressLines() throws Exception {
        start(ServerOptions.builder().quiet(true).progressInterval(java.time.Duration.ofMillis(50)));
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("job", "w0", "i0");
            agent.batch(1, repeat(0, 10), repeat(0, 10));
            agent.awaitAck(1);
            Thread.sleep(300);
            assertTrue(log.stream().noneMatch(line -> line.startsWith("job ")), log.toString());
        }
    }

    @Test
    void manyWorkersStreamingAtOnceAreEachCountedExactlyOnce() throws Exception {
        start(ServerOptions.builder().quiet(true));
        int workers = 6;
        int batches = 40;
        List<java.util.concurrent.CompletableFuture<Void>> runs = new java.util.ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String worker = "w" + w;
            runs.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                try (TestAgent agent = TestAgent.connect(collector.port())) {
                    agent.hello("job", worker, worker + "-instance");
                    for (int b = 1; b <= batches; b++) {
                        agent.batch(b, repeat(b % 3, 25), repeat(b % 3, 25));
                    }
                    agent.awaitAck(batches);
                    agent.goodbye();
                    assertEquals(Status.Code.OK, agent.awaitEnd().getCode());
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }));
        }
        java.util.concurrent.CompletableFuture.allOf(runs.toArray(new java.util.concurrent.CompletableFuture[0]))
                .get(30, TimeUnit.SECONDS);
        JsonNode report = report("job");
        assertEquals(workers * batches * 25L, report.get("samples_seen").asLong());
        assertEquals(workers * batches, report.get("batches_counted").asLong());
        assertEquals(0, report.get("duplicate_batches").asLong());
        assertEquals(workers, report.get("workers").size());
    }

    @Test
    void prometheusMetricsPerJobWhenAsked() throws Exception {
        start(ServerOptions.builder().quiet(true).metricsPort(0));
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("job", "w0", "i0");
            agent.batch(1, repeat(0, 10), repeat(0, 10));
            agent.awaitAck(1);
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(java.time.Duration.ofSeconds(10)).build();
            String metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://127.0.0.1:" + collector.metricsPort().orElseThrow() + "/metrics"))
                            .timeout(java.time.Duration.ofSeconds(10)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("skewguard_batches_counted_total{training_job=\"job\"} 1"), metrics);
            assertTrue(metrics.contains("skewguard_labels_counted{mode=\"train\",training_job=\"job\"} 10"),
                    metrics);
            assertTrue(metrics.contains("skewguard_connected_workers{training_job=\"job\"} 1"), metrics);
            assertTrue(metrics.contains("skewguard_triggered{training_job=\"job\"} 0"), metrics);
        }
    }

    String awaitLogLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (String line : log) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line starting with " + prefix + " in " + log);
    }
}
