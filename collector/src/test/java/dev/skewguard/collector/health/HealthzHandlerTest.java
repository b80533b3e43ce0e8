package dev.skewguard.collector.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** /healthz mounted on a plain JDK HTTP server, as on any of the collector's HTTP ports. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HealthzHandlerTest {
    private final CollectorHealth health = new CollectorHealth();
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer http;

    @BeforeEach
    void mount() throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/healthz", health.healthzHandler());
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.getAddress().getPort()
                + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void notServingBeforeListeningServingThenNotServingForGoodOnceShuttingDown() throws Exception {
        assertEquals(503, get("/healthz").statusCode());
        assertEquals("not serving\n", get("/healthz").body());
        health.listening();
        assertEquals(200, get("/healthz").statusCode());
        health.shuttingDown();
        assertEquals(503, get("/healthz").statusCode());
        health.listening();
        assertEquals(503, get("/healthz").statusCode(), "a collector shutting down does not come back");
    }

    @Test
    void headHasNoBodyAndPathsBelowAreNotFound() throws Exception {
        health.listening();
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + http.getAddress().getPort() + "/healthz")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(404, get("/healthz/more").statusCode());
    }
}
