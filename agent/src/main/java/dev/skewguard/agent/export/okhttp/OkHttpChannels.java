package dev.skewguard.agent.export.okhttp;

import dev.skewguard.agent.export.ChannelFactory;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.okhttp.OkHttpChannelBuilder;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The channel on grpc-java's OkHttp transport: plain sockets and no event loop, a few hundred classes where Netty's
 * transport loads thousands. In the agent's jar this class, grpc-okhttp, okio and Kotlin's runtime sit under
 * {@code inst/}, loaded by the sender's own class loader.
 */
public final class OkHttpChannels implements ChannelFactory {

    @Override
    public ManagedChannel build(String target, ChannelCredentials credentials, List<ClientInterceptor> interceptors,
                                Executor transport, ScheduledExecutorService timer) {
        return OkHttpChannelBuilder.forTarget(target, credentials)
                .intercept(interceptors)
                .transportExecutor(transport)
                .offloadExecutor(transport)
                .scheduledExecutorService(timer)
                .directExecutor()
                .maxInboundMessageSize(16 * 1024 * 1024)
                .keepAliveTime(60, TimeUnit.SECONDS)
                .build();
    }
}
