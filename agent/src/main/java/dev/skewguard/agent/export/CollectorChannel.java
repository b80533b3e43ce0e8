package dev.skewguard.agent.export;

import dev.skewguard.agent.config.CollectorSecurity;
import io.grpc.CallOptions;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transport to the collector: one gRPC channel (TLS and token from {@link CollectorCredentials}) on grpc-java's
 * OkHttp transport ({@link ChannelFactory}, loaded by {@link TransportLoader}) with threads the agent owns, so that
 * they are named, daemons, and gone when the sender ends:
 * <ul>
 *   <li>{@code skewguard-io-N}: the transport's own (a reader per connection, and the writes the transport hands
 *   off) and gRPC's blocking work (resolving the collector's address); idle ones end after a few seconds;</li>
 *   <li>{@code skewguard-timer}: keepalive pings and connection timeouts.</li>
 * </ul>
 * The call's callbacks ({@link StreamSession}: Welcome, Ack, Stop, readiness) only note what the collector said and
 * wake the sender, so they run on the transport's reader thread (direct executor), with no hand-off. The channel
 * opens no connection until the first call.
 */
final class CollectorChannel {
    private final ExecutorService io;
    private final ScheduledThreadPoolExecutor timer;
    private final ManagedChannel channel;

    /** {@code transport}: from {@link TransportLoader#channelFactory()}. */
    CollectorChannel(ChannelFactory transport, String endpoint, CollectorSecurity security) {
        io = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemons("skewguard-io-"));
        timer = new ScheduledThreadPoolExecutor(1, daemons("skewguard-timer"));
        timer.setRemoveOnCancelPolicy(true);
        channel = transport.build(endpoint, CollectorCredentials.channel(security),
                CollectorCredentials.token(security).map(java.util.List::of).orElse(java.util.List.of()), io, timer);
    }

    /**
     * Starts a Stream call whose responses go to {@code session}; connects if need be (never blocks on it). A channel
     * whose last connection attempt failed is sent idle first: in TRANSIENT_FAILURE gRPC fails a new call at once
     * with the old attempt's error and tries to connect again only on its own backoff (up to 120 s), so the call
     * would never see a collector that came back meanwhile. Idle, the call makes a fresh attempt (resolving the
     * address again) and ends with that attempt's outcome; how often the sender tries is {@link Backoff}'s to say.
     */
    void open(StreamSession session) {
        if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            channel.enterIdle();
        }
        ClientCalls.asyncBidiStreamingCall(channel.newCall(Outgoing.STREAM, CallOptions.DEFAULT), session);
    }

    /** Closes the connection and ends the transport's threads, waiting briefly so that they are gone at JVM exit. */
    void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        io.shutdownNow();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, name.endsWith("-") ? name + n.incrementAndGet() : name);
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY);
            return t;
        };
    }
}
