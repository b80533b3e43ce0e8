package dev.skewguard.collector.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import dev.skewguard.collector.security.Grant;
import dev.skewguard.collector.security.HttpTokenAuthenticator;
import dev.skewguard.collector.security.ServerTls;
import dev.skewguard.collector.security.TokensFile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard: {@code /} the page (from the collector jar), {@code /assets/*} its scripts and the chart library,
 * {@code /api/jobs} the jobs list and {@code /api/jobs/<job>} one job's report plus its history
 * ({@link DashboardJson}). With TLS it is HTTPS; with tokens, {@code /api/*} needs {@code Authorization: Bearer
 * <token>} and shows only the jobs the token may touch (the page itself holds no data; it sends the token it is
 * given in the address after {@code #token=}).
 */
public final class DashboardServer implements AutoCloseable {
    private static final int THREADS = 2;
    private static final int MAX_QUEUED = 256;
    private final HttpServer http;
    private final ExecutorService executor;

    private DashboardServer(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /**
     * Starts serving on {@code bind:port} (0: a free port).
     *
     * @param tls null: plain HTTP
     * @param tokens null: no token is asked for
     * @param healthz served at /healthz with no token (probes cannot send one; it says serving or not, nothing more)
     */
    public static DashboardServer start(String bind, int port, ServerTls tls, TokensFile tokens, DashboardJobs jobs,
                                        HttpHandler healthz) throws IOException {
        InetSocketAddress address = new InetSocketAddress(bind, port);
        HttpServer http;
        if (tls != null) {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(tls.httpsConfigurator());
            http = https;
        } else {
            http = HttpServer.create(address, 0);
        }
        AtomicInteger threads = new AtomicInteger();
        // Two threads, a bounded queue: requests beyond it are refused (their connection closed), never queued.
        ExecutorService executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED), runnable -> {
                    Thread thread = new Thread(runnable, "skewguard-dashboard-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        http.setExecutor(executor);
        http.createContext("/", get(exchange -> {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                send(exchange, 404, "text/plain", "not found: the dashboard is at /".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, "text/html; charset=utf-8", DashboardAssets.page());
        }));
        http.createContext("/assets/", get(exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/assets/".length());
            String resource = DashboardAssets.FILES.get(name);
            if (resource == null) {
                send(exchange, 404, "text/plain", "no such asset".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String type = name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            send(exchange, 200, type, DashboardAssets.read(resource));
        }));
        http.createContext("/healthz", healthz);
        HttpContext api = http.createContext("/api/jobs", get(exchange -> api(exchange, jobs)));
        if (tokens != null) {
            api.setAuthenticator(new HttpTokenAuthenticator(tokens));
        }
        http.start();
        return new DashboardServer(http, executor);
    }

    private static void api(HttpExchange exchange, DashboardJobs jobs) throws IOException {
        Grant grant = HttpTokenAuthenticator.currentGrant();
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals("/api/jobs") || path.equals("/api/jobs/")) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            for (String id : jobs.ids()) {
                if (grant.allows(id)) {
                    jobs.find(id).ifPresent(view -> list.add(DashboardJson.listEntry(view.reportJson())));
                }
            }
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.set("jobs", list);
            sendJson(exchange, 200, root);
            return;
        }
        String id = URLDecoder.decode(path.substring("/api/jobs/".length()), StandardCharsets.UTF_8);
        Optional<DashboardJobs.JobView> view = grant.allows(id) ? jobs.find(id) : Optional.empty();
        if (view.isEmpty()) {
            // The same answer for a job the token may not touch as for an unknown one: ids are not revealed.
            ObjectNode error = JsonNodeFactory.instance.objectNode();
            error.put("error", "no job \"" + id + "\" here (see /api/jobs for the jobs this token may see)");
            sendJson(exchange, 404, error);
            return;
        }
        sendJson(exchange, 200, DashboardJson.job(view.get()));
    }

    /** Only GET and HEAD; any failure is a 500 with one line, never a stack trace to the client. */
    private static HttpHandler get(HttpHandler handler) {
        return exchange -> {
            try (exchange) {
                String method = exchange.getRequestMethod();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    send(exchange, 405, "text/plain", "only GET".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                handler.handle(exchange);
            } catch (RuntimeException e) {
                send(exchange, 500, "text/plain", ("internal error: " + e.getClass().getSimpleName())
                        .getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private static void sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, status, "application/json", DashboardJson.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The port served on (the chosen one when started with port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
