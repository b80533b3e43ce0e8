package dev.skewguard.collector.server;

import static dev.skewguard.collector.server.CollectorServerTest.SKEWED;
import static dev.skewguard.collector.server.TestAgent.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.options.ServerOptionsBuilder;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.Batch;
import dev.skewguard.proto.v1.Goodbye;
import dev.skewguard.proto.v1.Hello;
import dev.skewguard.proto.v1.Welcome;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the proto's comments promise about sequences, drops, the end of a stream, Stop and the size limit. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProtocolContractTest {
    static final int LIMIT = 4096;

    final List<String> log = new CopyOnWriteArrayList<>();
    CollectorServer collector;

    @AfterEach
    void close() {
        if (collector != null) {
            collector.close();
        }
    }

    void start(ServerOptionsBuilder options) throws Exception {
        collector = CollectorServer.start(options.port(0).quiet(true).log(log::add).build());
    }

    JsonNode report(String job) throws Exception {
        return ReportSchema.validated(collector.reportJson(job).orElseThrow());
    }

    @Test
    void sequencesArePerJobAndInstance() throws Exception {
        start(ServerOptions.builder());
        try (TestAgent a = TestAgent.connect(collector.port()); TestAgent b = TestAgent.connect(collector.port())) {
            a.hello("job-a", "w0", "same-instance");
            a.batch(1, repeat(0, 5), repeat(0, 5));
            a.batch(2, repeat(0, 5), repeat(0, 5));
            a.awaitAck(2);
            Welcome welcome = b.hello("job-b", "w0", "same-instance");
            assertEquals(0, welcome.getLastCountedSequence(), "another job: its own sequences, from 1");
            b.batch(1, repeat(1, 3), repeat(1, 3));
            assertEquals(1, b.awaitAck(1));
        }
        assertEquals(10, report("job-a").get("samples_seen").asLong());
        assertEquals(3, report("job-b").get("samples_seen").asLong());
    }

    @Test
    void welcomeCarriesTheJobsRegexes() throws Exception {
        start(ServerOptions.builder().ruleParameters(dev.skewguard.collector.rule.RuleParameters.DEFAULTS.toBuilder()
                .labelsRegex("^y:0$").predictionsRegex("logits").build()));
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            Welcome welcome = agent.hello("job", "w0", "i0");
            assertEquals("^y:0$", welcome.getLabelsRegex());
            assertEquals("logits", welcome.getPredictionsRegex());
        }
    }

    @Test
    void welcomeCarriesTheDefaultRegexesWhenNoneWereGiven() throws Exception {
        start(ServerOptions.builder());
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            Welcome welcome = agent.hello("job", "w0", "i0");
            assertEquals(".*labels", welcome.getLabelsRegex());
            assertEquals(".*predictions", welcome.getPredictionsRegex());
        }
    }

    @Test
    void droppedBatchesAreTheLargerOfTheSumOverCountedBatchesAndGoodbyesTotal() throws Exception {
        start(ServerOptions.builder());
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("job", "w0", "i0");
            agent.send(batch(TestAgent.batchOf(1, repeat(0, 3), repeat(0, 3)).toBuilder().setDroppedSincePrevious(4)));
            agent.send(batch(TestAgent.batchOf(2, repeat(0, 3), repeat(0, 3)).toBuilder().setDroppedSincePrevious(2)));
            // Sent again (as after a reconnect): not counted again, and neither are its drops.
            agent.send(batch(TestAgent.batchOf(2, repeat(0, 3), repeat(0, 3)).toBuilder().setDroppedSincePrevious(2)));
            agent.awaitAck(2);
            assertEquals(6, report("job").get("dropped_batches").asLong());
            // A Goodbye whose total is below the sum (an agent that counts otherwise) lowers nothing.
            agent.send(AgentMessage.newBuilder().setGoodbye(Goodbye.newBuilder().setDroppedTotal(5)).build());
            assertEquals(Status.Code.OK, agent.awaitEnd().getCode());
        }
        JsonNode report = report("job");
        assertEquals(6, report.get("dropped_batches").asLong(), report.toString());
        assertEquals(1, report.get("duplicate_batches").asLong());
    }

    @Test
    void aHalfCloseWithoutGoodbyeGetsThePendingAckThenOk() throws Exception {
        start(ServerOptions.builder());
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            // A large window: the Ack of batches after the first waits (coalesced) up to 100 ms.
            agent.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setJobId("job").setWorkerId("w0")
                    .setInstanceId("i0").setMaxUnacknowledged(1024)).build());
            assertTrue(agent.next().hasWelcome());
            agent.batch(1, repeat(0, 3), repeat(0, 3));
            assertEquals(1, agent.awaitAck(1), "the first batch of a stream is acknowledged at once");
            agent.batch(2, repeat(0, 3), repeat(0, 3));
            agent.batch(3, repeat(0, 3), repeat(0, 3));
            agent.halfClose();
            assertEquals(Status.Code.OK, agent.awaitEnd().getCode());
            assertEquals(3, agent.ackedThrough, "the pending Ack came before the OK");
        }
    }

    @Test
    void welcomeStopIsTheStreamsOneStop() throws Exception {
        start(ServerOptions.builder().action(Action.STOP).patience(Patience.NONE));
        try (TestAgent trigger = TestAgent.connect(collector.port())) {
            trigger.hello("job", "w0", "i0");
            trigger.batch(1, SKEWED, SKEWED);
            trigger.awaitStop();
        }
        try (TestAgent later = TestAgent.connect(collector.port())) {
            Welcome welcome = later.hello("job", "w1", "i1");
            assertTrue(welcome.getJobStopped() && welcome.hasStop());
            later.batch(1, SKEWED, SKEWED);
            later.awaitAck(1);
            later.goodbye();
            assertEquals(Status.Code.OK, later.awaitEnd().getCode());
            assertTrue(later.stops.isEmpty(), "no Stop message after a Welcome that carried one");
        }
    }

    @Test
    void aMessageOfExactlyTheLimitIsAcceptedAndOneByteMoreIsNot() throws Exception {
        start(ServerOptions.builder().maxMessageBytes(LIMIT));
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("job", "w0", "i0");
            AgentMessage exact = messageOfSize(1, LIMIT);
            assertEquals(LIMIT, exact.getSerializedSize());
            agent.send(exact);
            assertEquals(1, agent.awaitAck(1), "a message of exactly --max-message-bytes is accepted");
            AgentMessage above = messageOfSize(2, LIMIT + 1);
            agent.send(above);
            Status status = agent.awaitEnd();
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode());
            assertEquals("message of " + (LIMIT + 1) + " bytes exceeds the collector's maximum of " + LIMIT
                    + " bytes (--max-message-bytes): send smaller batches", status.getDescription());
        }
    }

    @Test
    void aFirstMessageAboveTwiceTheLimitIsRefusedByTheTransportNamingTwiceTheLimit() throws Exception {
        start(ServerOptions.builder().maxMessageBytes(LIMIT));
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setJobId("job").setWorkerId("w0")
                    .setInstanceId("i0").setHost("h".repeat(3 * LIMIT))).build());
            Status status = agent.awaitEnd();
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode(), status.toString());
            assertTrue(status.getDescription().startsWith("gRPC message exceeds maximum size " + 2 * LIMIT + ": "),
                    status.toString());
            assertFalse(status.getDescription().contains("--max-message-bytes"), status.toString());
        }
    }

    /** A Batch message of exactly {@code size} bytes: UINT8 labels = predictions, padded through the step. */
    static AgentMessage messageOfSize(long sequence, int size) {
        for (int n = size; n > 0; n--) {
            Batch.Builder batch = TestAgent.batchOf(sequence, repeat(0, n / 2), repeat(0, n / 2)).toBuilder();
            AgentMessage message = batch(batch);
            if (message.getSerializedSize() <= size) {
                // Pad with the step's varint (1 to 10 bytes) to the exact size.
                for (long step : new long[] {0, 1L << 7, 1L << 14, 1L << 21, 1L << 28, 1L << 35, 1L << 42,
                        1L << 49, 1L << 56, Long.MIN_VALUE}) {
                    AgentMessage padded = batch(batch.setStep(step));
                    if (padded.getSerializedSize() == size) {
                        return padded;
                    }
                }
            }
        }
        throw new AssertionError("no message of " + size + " bytes");
    }

    static AgentMessage batch(Batch.Builder batch) {
        return AgentMessage.newBuilder().setBatch(batch).build();
    }

    static ByteString bytes(byte... values) {
        return ByteString.copyFrom(values);
    }
}
