package dev.skewguard.collector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import dev.skewguard.proto.v1.Ack;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.Batch;
import dev.skewguard.proto.v1.Batches;
import dev.skewguard.proto.v1.CollectorGrpc;
import dev.skewguard.proto.v1.CollectorMessage;
import dev.skewguard.proto.v1.DType;
import dev.skewguard.proto.v1.Goodbye;
import dev.skewguard.proto.v1.Hello;
import dev.skewguard.proto.v1.JobParameters;
import dev.skewguard.proto.v1.Mode;
import dev.skewguard.proto.v1.Notice;
import dev.skewguard.proto.v1.Stop;
import dev.skewguard.proto.v1.Tensor;
import dev.skewguard.proto.v1.Welcome;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal agent speaking skewguard.v1 through the generated stubs, for tests. Every wait has a timeout. */
public final class TestAgent implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 10;

    final ManagedChannel channel;
    final BlockingQueue<CollectorMessage> received = new LinkedBlockingQueue<>();
    final List<Stop> stops = new ArrayList<>();
    final List<Notice> notices = new ArrayList<>();
    /** The highest counted_through of the Acks read so far. */
    long ackedThrough;
    final CompletableFuture<Status> ended = new CompletableFuture<>();
    private final StreamObserver<AgentMessage> requests;

    private TestAgent(ManagedChannel channel) {
        this.channel = channel;
        this.requests = CollectorGrpc.newStub(channel).stream(new StreamObserver<>() {
            @Override
            public void onNext(CollectorMessage message) {
                received.add(message);
            }

            @Override
            public void onError(Throwable t) {
                ended.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                ended.complete(Status.OK);
            }
        });
    }

    public static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024).build();
    }

    /** An agent whose stream is one more call on {@code channel} (of the test's making: TLS, a token; closing it shuts the channel down). */
    public static TestAgent on(ManagedChannel channel) {
        return new TestAgent(channel);
    }

    public static TestAgent connect(int port) {
        return new TestAgent(channel(port));
    }

    public Welcome hello(String job, String worker, String instance) {
        return hello(job, worker, instance, false);
    }

    /** Hello; {@code attached}: as from an agent attached to a running JVM (Hello.attached). */
    public Welcome hello(String job, String worker, String instance, boolean attached) {
        send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setJobId(job).setWorkerId(worker)
                .setInstanceId(instance).setPid(42).setHost("localhost").addFrameworks("methods")
                .setAgentVersion("test").setAttached(attached)).build());
        CollectorMessage first = next();
        assertEquals(CollectorMessage.KindCase.WELCOME, first.getKindCase(), "first reply: " + first);
        return first.getWelcome();
    }

    /** Hello with Hello.parameters (a job's own rule parameters). */
    public Welcome hello(String job, String worker, String instance, JobParameters parameters) {
        send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setJobId(job).setWorkerId(worker)
                .setInstanceId(instance).setAgentVersion("test").setParameters(parameters)).build());
        CollectorMessage first = next();
        assertEquals(CollectorMessage.KindCase.WELCOME, first.getKindCase(), "first reply: " + first);
        return first.getWelcome();
    }

    /** Sends Hello with Hello.parameters and returns the status the collector refuses it with. */
    public Status helloRefused(String job, String worker, String instance, JobParameters parameters) {
        send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setJobId(job).setWorkerId(worker)
                .setInstanceId(instance).setParameters(parameters)).build());
        Status status = awaitEnd();
        if (status.isOk() || received.stream().anyMatch(CollectorMessage::hasWelcome)) {
            fail("the Hello was welcomed: " + status);
        }
        return status;
    }

    /** Sends Hello and returns the status the collector refuses it with (fails if it is welcomed). */
    public Status helloRefused(String job, String worker, String instance) {
        send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setJobId(job).setWorkerId(worker)
                .setInstanceId(instance)).build());
        Status status = awaitEnd();
        assertNotNull(status);
        if (status.isOk() || received.stream().anyMatch(CollectorMessage::hasWelcome)) {
            fail("the Hello was welcomed: " + status);
        }
        return status;
    }

    void send(AgentMessage message) {
        requests.onNext(message);
    }

    public void batch(long sequence, int[] labels, int[] predictions) {
        send(AgentMessage.newBuilder().setBatch(batchOf(sequence, labels, predictions)).build());
    }

    /** Sends the given batches in one Batches message. */
    public void batches(Batch... batches) {
        send(AgentMessage.newBuilder().setBatches(Batches.newBuilder().addAllBatches(java.util.List.of(batches)))
                .build());
    }

    public void goodbye() {
        send(AgentMessage.newBuilder().setGoodbye(Goodbye.newBuilder()).build());
        requests.onCompleted();
    }

    public static Batch batchOf(long sequence, int[] labels, int[] predictions) {
        return Batch.newBuilder().setSequence(sequence).setStep(sequence).setMode(Mode.MODE_TRAIN)
                .addTensors(classIds("methods/train/labels", labels))
                .addTensors(classIds("methods/train/predictions", predictions))
                .build();
    }

    static Tensor classIds(String name, int[] ids) {
        byte[] bytes = new byte[ids.length];
        for (int i = 0; i < ids.length; i++) {
            bytes[i] = (byte) ids[i];
        }
        return Tensor.newBuilder().setName(name).addShape(ids.length).setDtype(DType.DTYPE_UINT8)
                .setData(ByteString.copyFrom(bytes)).build();
    }

    /** {@code count} labels of class {@code classId}. */
    public static int[] repeat(int classId, int count) {
        int[] ids = new int[count];
        java.util.Arrays.fill(ids, classId);
        return ids;
    }

    public static int[] concat(int[] a, int[] b) {
        int[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    CollectorMessage next() {
        try {
            CollectorMessage message = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (message == null) {
                fail("no message from the collector within " + TIMEOUT_SECONDS + " s (stream ended: "
                        + (ended.isDone() ? ended.join() : "no") + ")");
            }
            keep(message);
            return message;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Reads until an Ack covering {@code sequence}; returns it. Stops seen are kept. */
    public Ack awaitAckMessage(long sequence) {
        while (true) {
            CollectorMessage message = next();
            if (message.hasAck() && message.getAck().getCountedThrough() >= sequence) {
                return message.getAck();
            }
        }
    }

    /** Reads until an Ack covering {@code sequence}; returns its counted_through. Stops seen are kept. */
    public long awaitAck(long sequence) {
        while (true) {
            CollectorMessage message = next();
            if (message.hasAck() && message.getAck().getCountedThrough() >= sequence) {
                return message.getAck().getCountedThrough();
            }
        }
    }

    private void keep(CollectorMessage message) {
        if (message.hasStop()) {
            stops.add(message.getStop());
        }
        if (message.hasNotice()) {
            notices.add(message.getNotice());
        }
        if (message.hasAck()) {
            ackedThrough = Math.max(ackedThrough, message.getAck().getCountedThrough());
        }
    }

    public Notice awaitNotice() {
        while (notices.isEmpty()) {
            next();
        }
        return notices.get(0);
    }

    public Stop awaitStop() {
        while (stops.isEmpty()) {
            next();
        }
        return stops.get(0);
    }

    /** The status the call ended with; reads (and keeps) everything that came before it. */
    public Status awaitEnd() {
        try {
            Status status = ended.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            CollectorMessage message;
            while ((message = received.poll()) != null) {
                keep(message);
            }
            assertNotNull(status);
            return status;
        } catch (Exception e) {
            throw new AssertionError("the stream did not end within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** Half-closes the stream without Goodbye. */
    public void halfClose() {
        requests.onCompleted();
    }

    /** Drops the connection without Goodbye, as a crashed agent would. */
    public void cancel() {
        requests.onError(Status.CANCELLED.withDescription("test agent gone").asRuntimeException());
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
