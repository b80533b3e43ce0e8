package dev.skewguard.collector.metrics;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.security.HttpTokenAuthenticator;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The metrics port: {@code /metrics} (Prometheus text; with a tokens file, a bearer token that sees only its jobs) and
 * {@code /healthz} (no token) on the JDK's HTTP server, HTTPS with the collector's TLS.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private static final int THREADS = 2;
    /** Requests waiting for a thread; beyond it, the accepting thread serves them itself (it slows down). */
    private static final int QUEUE = 64;

    private final HttpServer http;
    private final ThreadPoolExecutor executor;

    private MetricsEndpoint(HttpServer http, ThreadPoolExecutor executor) {
        this.http = http;
        this.executor = executor;
    }

    public static MetricsEndpoint start(ServerOptions options, PrometheusRegistry registry, HttpHandler healthz)
            throws IOException {
        InetSocketAddress address = new InetSocketAddress(options.bind(), options.metricsPort().orElseThrow());
        HttpServer http;
        if (options.tls().isPresent()) {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(options.tls().get().httpsConfigurator());
            http = https;
        } else {
            http = HttpServer.create(address, 0);
        }
        HttpContext metrics = http.createContext("/metrics", new MetricsHandler(registry));
        if (options.tokens().isPresent()) {
            metrics.setAuthenticator(new HttpTokenAuthenticator(options.tokens().get()));
        }
        http.createContext("/healthz", healthz);
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "skewguard-metrics-http-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        http.setExecutor(executor);
        http.start();
        return new MetricsEndpoint(http, executor);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
