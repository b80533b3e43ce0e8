package dev.skewguard.agent.export;

import dev.skewguard.proto.v1.Ack;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.Batch;
import dev.skewguard.proto.v1.CollectorGrpc;
import dev.skewguard.proto.v1.CollectorMessage;
import dev.skewguard.proto.v1.Welcome;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.okhttp.OkHttpServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal collector for the sender's tests, on grpc-okhttp's server on loopback: it welcomes every Hello with what
 * it counted of that instance, counts each batch sequence once, acknowledges every message and completes the call on
 * Goodbye. It can be stopped and started again on the same port (what it counted survives, as with a state dir).
 */
final class FakeCollector implements AutoCloseable {
    private final int port;
    private final Map<String, Long> countedThrough = new ConcurrentHashMap<>();
    private final AtomicInteger counted = new AtomicInteger();
    private final AtomicInteger welcomes = new AtomicInteger();
    private volatile long firstWelcomeNanos;
    private Server server;

    private FakeCollector(int port) {
        this.port = port;
    }

    /** A port on loopback that nothing listens on (yet). */
    static FakeCollector onFreePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new FakeCollector(free.getLocalPort());
        }
    }

    String endpoint() {
        return "127.0.0.1:" + port;
    }

    synchronized void start() throws IOException {
        server = OkHttpServerBuilder.forPort(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                        InsecureServerCredentials.create())
                .addService(new Service())
                .build()
                .start();
    }

    /** Stops listening and drops every open connection at once (as a killed collector would). */
    synchronized void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
            server = null;
        }
    }

    /** Distinct batches counted over every run. */
    int counted() {
        return counted.get();
    }

    int welcomes() {
        return welcomes.get();
    }

    /** System.nanoTime() of the first Welcome, or 0 before it. */
    long firstWelcomeNanos() {
        return firstWelcomeNanos;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private final class Service extends CollectorGrpc.CollectorImplBase {
        @Override
        public StreamObserver<AgentMessage> stream(StreamObserver<CollectorMessage> replies) {
            return new StreamObserver<>() {
                private String instance;

                @Override
                public void onNext(AgentMessage message) {
                    switch (message.getKindCase()) {
                        case HELLO:
                            instance = message.getHello().getInstanceId();
                            long through = countedThrough.getOrDefault(instance, 0L);
                            replies.onNext(CollectorMessage.newBuilder().setWelcome(Welcome.newBuilder()
                                    .setLastCountedSequence(through)).build());
                            if (welcomes.getAndIncrement() == 0) {
                                firstWelcomeNanos = System.nanoTime();
                            }
                            break;
                        case BATCH:
                            count(List.of(message.getBatch()));
                            break;
                        case BATCHES:
                            count(message.getBatches().getBatchesList());
                            break;
                        case GOODBYE:
                            replies.onCompleted();
                            break;
                        default:
                            break;
                    }
                }

                private void count(List<Batch> batches) {
                    long through = countedThrough.getOrDefault(instance, 0L);
                    for (Batch b : batches) {
                        if (b.getSequence() == through + 1) {
                            through++;
                            counted.incrementAndGet();
                        }
                    }
                    countedThrough.put(instance, through);
                    replies.onNext(CollectorMessage.newBuilder().setAck(Ack.newBuilder().setCountedThrough(through))
                            .build());
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            };
        }
    }
}
