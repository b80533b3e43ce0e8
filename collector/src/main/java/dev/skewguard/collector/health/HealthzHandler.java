package dev.skewguard.collector.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /healthz} (or HEAD): 200 {@code ok} while the collector serves, 503 {@code not serving} before it listens
 * and while it shuts down; 405 for other methods, 404 for paths below it. Plain text, never cached.
 */
final class HealthzHandler implements HttpHandler {
    static final String PATH = "/healthz";
    private final BooleanSupplier serving;

    HealthzHandler(BooleanSupplier serving) {
        this.serving = serving;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            int status;
            String body;
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                status = 404;
                body = "not found: the health endpoint is " + PATH + "\n";
            } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                status = 405;
                body = "method not allowed: use GET or HEAD\n";
            } else if (serving.getAsBoolean()) {
                status = 200;
                body = "ok\n";
            } else {
                status = 503;
                body = "not serving\n";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if ("HEAD".equals(method)) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
