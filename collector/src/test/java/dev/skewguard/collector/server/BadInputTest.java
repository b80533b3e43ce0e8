package dev.skewguard.collector.server;

import static dev.skewguard.collector.server.TestAgent.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.Batch;
import dev.skewguard.proto.v1.CollectorGrpc;
import dev.skewguard.proto.v1.Tensor;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each kind of bad input fails its own stream with its status and a clear message, while another agent of the same
 * job keeps streaming and the job's counts keep exactly what was counted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputTest {
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    final List<String> log = new CopyOnWriteArrayList<>();
    CollectorServer collector;
    TestAgent healthy;

    @BeforeEach
    void start() throws Exception {
        collector = CollectorServer.start(ServerOptions.builder().port(0).maxMessageBytes(MAX_MESSAGE_BYTES)
                .log(log::add).build());
        healthy = TestAgent.connect(collector.port());
        healthy.hello("job", "healthy", "healthy-1");
        healthy.batch(1, repeat(0, 100), repeat(0, 100));
        healthy.awaitAck(1);
    }

    @AfterEach
    void stop() throws Exception {
        healthy.close();
        collector.close();
    }

    /**
     * Runs {@code misbehave} on a fresh agent, expects its stream to end with {@code code} and a message containing
     * {@code message}, then checks the healthy agent still streams and the job counts 100 + 100 healthy labels plus
     * {@code countedBefore} labels the bad stream had sent correctly first.
     */
    void assertRejected(Consumer<TestAgent> misbehave, Status.Code code, String message, long countedBefore)
            throws Exception {
        Status status;
        try (TestAgent bad = TestAgent.connect(collector.port())) {
            misbehave.accept(bad);
            status = bad.awaitEnd();
        }
        assertRejectedThenHealthy(status, code, message, countedBefore);
    }

    void assertRejectedThenHealthy(Status status, Status.Code code, String message, long countedBefore)
            throws Exception {
        assertEquals(code, status.getCode(), "status " + status);
        assertNotNull(status.getDescription());
        assertTrue(status.getDescription().contains(message), "\"" + status.getDescription() + "\" names " + message);
        healthy.batch(2, repeat(1, 100), repeat(1, 100));
        assertEquals(2, healthy.awaitAck(2), "the other stream keeps working");
        JsonNode report = ReportSchema.validated(collector.reportJson("job").orElseThrow());
        assertEquals(200 + countedBefore, report.get("samples_seen").asLong(), report.toString());
        assertEquals(0, report.get("data_errors").asLong());
    }

    @Test
    void batchBeforeHelloIsFailedPrecondition() throws Exception {
        assertRejected(bad -> bad.batch(1, repeat(0, 10), repeat(0, 10)), Status.Code.FAILED_PRECONDITION,
                "Batch before Hello", 0);
    }

    @Test
    void aSequenceGapIsOutOfRangeAndKeepsWhatWasCounted() throws Exception {
        assertRejected(bad -> {
            bad.hello("job", "bad", "bad-1");
            bad.batch(1, repeat(0, 10), repeat(0, 10));
            bad.awaitAck(1);
            bad.batch(3, repeat(0, 10), repeat(0, 10));
        }, Status.Code.OUT_OF_RANGE, "sequence 3 skips ahead: expected 2", 10);
    }

    @Test
    void tensorBytesThatDoNotMatchShapeAndDtypeAreInvalidArgument() throws Exception {
        Batch batch = TestAgent.batchOf(1, repeat(0, 10), repeat(0, 10)).toBuilder()
                .setTensors(1, Tensor.newBuilder().setName("methods/train/predictions").addShape(10)
                        .setDtype(dev.skewguard.proto.v1.DType.DTYPE_INT32).setData(ByteString.copyFrom(new byte[10])))
                .build();
        assertRejected(bad -> {
            bad.hello("job", "bad", "bad-1");
            bad.send(AgentMessage.newBuilder().setBatch(batch).build());
        }, Status.Code.INVALID_ARGUMENT, "tensor \"methods/train/predictions\": shape [10] of INT32 needs 40 bytes, got 10",
                0);
    }

    @Test
    void aBadBatchInsideBatchesFailsTheStreamAndKeepsTheBatchesBeforeIt() throws Exception {
        Batch broken = TestAgent.batchOf(3, repeat(0, 10), repeat(0, 10)).toBuilder()
                .setTensors(0, TestAgent.classIds("methods/train/labels", repeat(0, 10)).toBuilder().clearDtype())
                .build();
        assertRejected(bad -> {
            bad.hello("job", "bad", "bad-1");
            bad.batches(TestAgent.batchOf(1, repeat(0, 10), repeat(0, 10)),
                    TestAgent.batchOf(2, repeat(0, 20), repeat(0, 20)), broken,
                    TestAgent.batchOf(4, repeat(0, 40), repeat(0, 40)));
        }, Status.Code.INVALID_ARGUMENT, "has no dtype", 30);
    }

    @Test
    void emptyBatchesIsInvalidArgument() throws Exception {
        assertRejected(bad -> {
            bad.hello("job", "bad", "bad-1");
            bad.batches();
        }, Status.Code.INVALID_ARGUMENT, "Batches with no batch", 0);
    }

    @Test
    void batchesBeforeHelloIsFailedPrecondition() throws Exception {
        assertRejected(bad -> bad.batches(TestAgent.batchOf(1, repeat(0, 10), repeat(0, 10))),
                Status.Code.FAILED_PRECONDITION, "Batches before Hello", 0);
    }

    @Test
    void anUnknownDtypeIsInvalidArgument() throws Exception {
        Batch batch = TestAgent.batchOf(2, repeat(0, 10), repeat(0, 10)).toBuilder()
                .setTensors(0, TestAgent.classIds("methods/train/labels", repeat(0, 10)).toBuilder().setDtypeValue(42))
                .build();
        assertRejected(bad -> {
            bad.hello("job", "bad", "bad-1");
            bad.batch(1, repeat(0, 10), repeat(0, 10));
            bad.awaitAck(1);
            bad.send(AgentMessage.newBuilder().setBatch(batch).build());
        }, Status.Code.INVALID_ARGUMENT, "tensor \"methods/train/labels\" has unknown dtype 42", 10);
    }

    @Test
    void aMissingDtypeIsInvalidArgument() throws Exception {
        Batch batch = TestAgent.batchOf(1, repeat(0, 10), repeat(0, 10)).toBuilder()
                .setTensors(0, TestAgent.classIds("methods/train/labels", repeat(0, 10)).toBuilder().clearDtype())
                .build();
        assertRejected(bad -> {
            bad.hello("job", "bad", "bad-1");
            bad.send(AgentMessage.newBuilder().setBatch(batch).build());
        }, Status.Code.INVALID_ARGUMENT, "has no dtype", 0);
    }

    @Test
    void anOversizedMessageIsResourceExhausted() throws Exception {
        assertRejected(bad -> {
            bad.hello("job", "bad", "bad-1");
            bad.batch(1, repeat(0, MAX_MESSAGE_BYTES / 2 + 100), repeat(0, MAX_MESSAGE_BYTES / 2 + 100));
        }, Status.Code.RESOURCE_EXHAUSTED, "exceeds the collector's maximum of " + MAX_MESSAGE_BYTES + " bytes", 0);
    }

    @Test
    void aHelloWithoutJobIdIsInvalidArgument() throws Exception {
        assertRejected(bad -> bad.send(AgentMessage.newBuilder().setHello(dev.skewguard.proto.v1.Hello.newBuilder()
                .setWorkerId("bad").setInstanceId("bad-1")).build()), Status.Code.INVALID_ARGUMENT, "Hello.job_id", 0);
    }

    @Test
    void anEmptyMessageIsInvalidArgument() throws Exception {
        assertRejected(bad -> bad.send(AgentMessage.getDefaultInstance()), Status.Code.INVALID_ARGUMENT,
                "empty AgentMessage", 0);
    }

    @Test
    void aMalformedMessageIsInvalidArgument() throws Exception {
        // Field 1 (hello), length-delimited, says 5 bytes follow but only 1 does.
        byte[] truncated = {0x0A, 0x05, 0x01};
        Status status = sendRaw(truncated);
        assertRejectedThenHealthy(status, Status.Code.INVALID_ARGUMENT, "malformed", 0);
    }

    private Status sendRaw(byte[] message) throws Exception {
        MethodDescriptor<byte[], byte[]> raw = CollectorGrpc.getStreamMethod().toBuilder(Bytes.INSTANCE,
                Bytes.INSTANCE).build();
        ManagedChannel channel = TestAgent.channel(collector.port());
        try {
            CompletableFuture<Status> ended = new CompletableFuture<>();
            ClientCall<byte[], byte[]> call = channel.newCall(raw, CallOptions.DEFAULT);
            call.start(new ClientCall.Listener<>() {
                @Override
                public void onClose(Status status, Metadata trailers) {
                    ended.complete(status);
                }
            }, new Metadata());
            call.request(10);
            call.sendMessage(message);
            return ended.get(TestAgent.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            channel.shutdownNow().awaitTermination(TestAgent.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private enum Bytes implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
