package dev.skewguard.collector.health;

import com.sun.net.httpserver.HttpHandler;
import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * Whether the collector serves, for probes: the standard gRPC health service ({@code grpc.health.v1.Health}, for the
 * whole server {@code ""} and for {@value #COLLECTOR_SERVICE}) and {@code GET /healthz} on an HTTP port. NOT_SERVING
 * (503) until the gRPC port listens, SERVING (200) from then, NOT_SERVING (503) for good once the collector shuts
 * down. Neither needs a token: probes cannot send one, and the answer reveals nothing but serving or not.
 */
public final class CollectorHealth {
    /** The collector's gRPC service, as the health service names it. */
    public static final String COLLECTOR_SERVICE = "skewguard.v1.Collector";

    private final HealthStatusManager grpc = new HealthStatusManager();
    private volatile boolean serving;
    private boolean shutDown;

    public CollectorHealth() {
        grpc.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.NOT_SERVING);
        grpc.setStatus(COLLECTOR_SERVICE, ServingStatus.NOT_SERVING);
    }

    /** The gRPC health service, to add to the gRPC server (without the token interceptor). */
    public BindableService grpcService() {
        return grpc.getHealthService();
    }

    /** {@code /healthz}: mount it on any HTTP port of the collector, without an authenticator. */
    public HttpHandler healthzHandler() {
        return new HealthzHandler(this::serving);
    }

    /** The gRPC port listens. Ignored once shutting down. */
    public synchronized void listening() {
        if (!serving && !shutDown) {
            serving = true;
            grpc.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
            grpc.setStatus(COLLECTOR_SERVICE, ServingStatus.SERVING);
        }
    }

    /** The collector shuts down: NOT_SERVING from now on (watchers are told), whatever comes later. */
    public synchronized void shuttingDown() {
        serving = false;
        shutDown = true;
        grpc.enterTerminalState();
    }

    public boolean serving() {
        return serving;
    }
}
