package dev.skewguard.agent.export;

import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds the gRPC channel to the collector on a transport. The one implementation,
 * {@link dev.skewguard.agent.export.okhttp.OkHttpChannels}, is defined by {@link TransportLoader}: grpc-okhttp
 * cannot be loaded by the bootstrap class loader that loads the rest of the agent. Public for that loader's sake.
 */
public interface ChannelFactory {

    /**
     * A channel to {@code target} (host:port) that opens no connection until its first call, runs its transport on
     * {@code transport}, its timers on {@code timer} and the call's callbacks on the transport's own thread.
     */
    ManagedChannel build(String target, ChannelCredentials credentials, List<ClientInterceptor> interceptors,
                         Executor transport, ScheduledExecutorService timer);
}
