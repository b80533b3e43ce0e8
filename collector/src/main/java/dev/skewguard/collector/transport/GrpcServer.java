package dev.skewguard.collector.transport;

import dev.skewguard.collector.health.CollectorHealth;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.security.CallerInterceptor;
import dev.skewguard.collector.security.ServerTls;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server agents connect to, not yet started: its address and TLS, its limits and keepalive, the collector's
 * service behind the token check and the health service.
 */
public final class GrpcServer {
    private GrpcServer() {
    }

    /**
     * The server on {@code options.bind():options.port()} serving {@code collector} and {@code health}.
     *
     * @throws IOException when the TLS files cannot be used (one line: which files and why)
     */
    public static Server build(ServerOptions options, BindableService collector, CollectorHealth health)
            throws IOException {
        InetSocketAddress address = new InetSocketAddress(options.bind(), options.port());
        NettyServerBuilder builder;
        try {
            builder = options.tls().isPresent()
                    ? NettyServerBuilder.forAddress(address, options.tls().get().grpcCredentials())
                    : NettyServerBuilder.forAddress(address);
        } catch (RuntimeException e) {
            // Netty reads the certificate and key here: files that are not PEM of the right kind.
            ServerTls tls = options.tls().orElseThrow(() -> e);
            throw new IOException("cannot use " + tls.describeFiles() + ": " + rootMessage(e)
                    + " (expected PEM: a certificate chain, a PKCS#8 or PKCS#1 key)", e);
        }
        return builder
                .maxInboundMessageSize(transportLimit(options.maxMessageBytes()))
                .maxConcurrentCallsPerConnection(options.limits().maxCallsPerConnection())
                .permitKeepAliveTime(30, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                // A connection that silently died is found within about 40 s, so that its worker instance can
                // reconnect (a live instance's stream is not taken over from another connection).
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS)
                // Tokens guard the collector's service only: probes of the health service cannot send one.
                .addService(ServerInterceptors.intercept(collector,
                        new CallerInterceptor(options.tokens().orElse(null))))
                .addService(health.grpcService())
                .build();
    }

    /**
     * The transport refuses messages above twice the collector's limit by itself (bounding what one stream can make
     * the server buffer); between the two, {@link InboundMarshaller} refuses them with RESOURCE_EXHAUSTED.
     */
    static int transportLimit(int maxMessageBytes) {
        return maxMessageBytes > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : 2 * maxMessageBytes;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
