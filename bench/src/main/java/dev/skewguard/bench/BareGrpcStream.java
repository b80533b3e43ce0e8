package dev.skewguard.bench;

import dev.skewguard.proto.v1.CollectorGrpc;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ceiling for collector ingest: the collector's Stream method name over loopback, but with raw bytes both
 * ways. The server takes each message and does nothing with it (no parse, no rule, no acknowledgement); the clients
 * write the same pre-encoded AgentMessage bytes in a loop under gRPC flow control (isReady / onReady).
 */
final class BareGrpcStream implements AutoCloseable {
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
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
    };
    private static final MethodDescriptor<byte[], byte[]> METHOD = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
            .setFullMethodName(CollectorGrpc.getStreamMethod().getFullMethodName())
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();

    private static final int WRITERS = 4;

    private final Server server;
    private final LongAdder received = new LongAdder();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean running = true;

    BareGrpcStream() throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder(CollectorGrpc.SERVICE_NAME)
                .addMethod(METHOD, ServerCalls.asyncBidiStreamingCall(responses -> new StreamObserver<byte[]>() {
                    @Override
                    public void onNext(byte[] value) {
                        received.increment();
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                        responses.onCompleted();
                    }
                }))
                .build();
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .maxInboundMessageSize(16 * 1024 * 1024)
                .addService(service)
                .build()
                .start();
    }

    long received() {
        return received.sum();
    }

    /**
     * Opens {@code connections} channels, each with one stream, written by at most {@value #WRITERS} threads (each
     * serving its share of the streams round-robin, waiting for onReady when none of its streams is ready), so the
     * writers do not starve gRPC's own threads of the cores, as 64 busy threads would on a small machine.
     */
    void startClients(int connections, byte[] message) {
        int writers = Math.min(connections, WRITERS);
        List<List<ClientCallStreamObserver<byte[]>>> shares = new ArrayList<>();
        Object[] monitors = new Object[writers];
        for (int w = 0; w < writers; w++) {
            shares.add(new ArrayList<>());
            monitors[w] = new Object();
        }
        for (int i = 0; i < connections; i++) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                    .usePlaintext()
                    .build();
            channels.add(channel);
            Object ready = monitors[i % writers];
            ClientCallStreamObserver<byte[]>[] holder = new ClientCallStreamObserver[1];
            ClientCalls.asyncBidiStreamingCall(channel.newCall(METHOD, CallOptions.DEFAULT),
                    new ClientResponseObserver<byte[], byte[]>() {
                        @Override
                        public void beforeStart(ClientCallStreamObserver<byte[]> requests) {
                            holder[0] = requests;
                            requests.setOnReadyHandler(() -> {
                                synchronized (ready) {
                                    ready.notifyAll();
                                }
                            });
                        }

                        @Override
                        public void onNext(byte[] value) {
                        }

                        @Override
                        public void onError(Throwable t) {
                        }

                        @Override
                        public void onCompleted() {
                        }
                    });
            shares.get(i % writers).add(holder[0]);
        }
        for (int w = 0; w < writers; w++) {
            List<ClientCallStreamObserver<byte[]>> streams = shares.get(w);
            Object ready = monitors[w];
            Thread sender = new Thread(() -> {
                while (running) {
                    boolean wrote = false;
                    for (ClientCallStreamObserver<byte[]> requests : streams) {
                        for (int k = 0; k < 64 && requests.isReady(); k++) {
                            requests.onNext(message);
                            wrote = true;
                        }
                    }
                    if (!wrote) {
                        synchronized (ready) {
                            try {
                                ready.wait(5);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                }
                for (ClientCallStreamObserver<byte[]> requests : streams) {
                    requests.onCompleted();
                }
            }, "bare-client-" + w);
            sender.setDaemon(true);
            senders.add(sender);
            sender.start();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : senders) {
            t.join(2_000);
        }
        for (ManagedChannel c : channels) {
            c.shutdownNow();
        }
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
