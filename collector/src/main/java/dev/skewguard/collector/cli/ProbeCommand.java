package dev.skewguard.collector.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import dev.skewguard.collector.logging.LogText;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code probe}: asks a collector's gRPC health service whether it serves, for a container's HEALTHCHECK or an exec
 * probe where no HTTP client or grpc_health_probe is installed. One line; exit status 0 serving, 1 not.
 */
@Command(name = "probe", mixinStandardHelpOptions = true, versionProvider = CollectorVersion.class,
        description = {"Asks a running collector's gRPC health service (grpc.health.v1.Health) whether it serves: "
                + "for a container's HEALTHCHECK or an exec probe.",
                "Exit status: 0 serving, 1 not serving or not reachable, 2 bad usage."})
public final class ProbeCommand implements Callable<Integer> {
    /** Exit status: the collector does not serve, or cannot be reached. */
    static final int EXIT_NOT_SERVING = 1;
    /** gRPC's and Netty's own java.util.logging records: the probe says what matters in its one line. */
    private static final Logger GRPC_LOGS = Logger.getLogger("io.grpc");

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "The collector's host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "4910", paramLabel = "PORT",
            description = "The collector's gRPC port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--tls", description = "The collector serves TLS (serve --tls-cert): connect with TLS without "
            + "checking its certificate, as the kubelet's probes do; a collector with --tls-client-ca refuses it.")
    boolean tls;

    @Option(names = "--timeout", defaultValue = "5", paramLabel = "SECONDS",
            description = "Give up after SECONDS (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws SSLException, InterruptedException {
        GRPC_LOGS.setLevel(Level.OFF);
        String target = host + ":" + port;
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(host, port);
        if (tls) {
            builder.sslContext(GrpcSslContexts.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build());
        } else {
            builder.usePlaintext();
        }
        ManagedChannel channel = builder.build();
        try {
            HealthCheckResponse.ServingStatus status = HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.newBuilder().setService("").build())
                    .getStatus();
            boolean serving = status == HealthCheckResponse.ServingStatus.SERVING;
            (serving ? spec.commandLine().getOut() : spec.commandLine().getErr())
                    .println("collector at " + target + ": " + status);
            return serving ? CollectorMain.EXIT_OK : EXIT_NOT_SERVING;
        } catch (StatusRuntimeException e) {
            spec.commandLine().getErr().println("collector at " + target + " did not answer: "
                    + e.getStatus().getCode() + firstLine(e.getStatus().getDescription())
                    + (tls ? "" : "; a collector with TLS needs --tls"));
            return EXIT_NOT_SERVING;
        } finally {
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
            channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        }
    }

    private static String firstLine(String description) {
        if (description == null || description.isBlank()) {
            return "";
        }
        return " (" + LogText.escape(description.strip().lines().findFirst().orElse("")) + ")";
    }
}
