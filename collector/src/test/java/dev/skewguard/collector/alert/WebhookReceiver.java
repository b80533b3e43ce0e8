package dev.skewguard.collector.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A webhook receiver for tests: the JDK's HTTP server on 127.0.0.1 (a free port), answering each POST with the next
 * status of a script (then 200), keeping each request's body and headers; {@link #hold()} makes it wait before
 * answering until {@link #release()}.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    public record Received(byte[] body, Map<String, List<String>> headers, int answered) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Integer> script = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    public WebhookReceiver(int... statuses) throws IOException {
        for (int s : statuses) {
            script.add(s);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                int n = requests.getAndIncrement();
                hold.await(30, TimeUnit.SECONDS);
                int status = n < script.size() ? script.get(n) : 200;
                received.add(new Received(body, Map.copyOf(exchange.getRequestHeaders()), status));
                exchange.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** Requests answer only after {@link #release()}. */
    public void hold() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    /** Requests that reached the handler so far (answered or held). */
    public int requests() {
        return requests.get();
    }

    /** The next request received, or an AssertionError after {@code timeout}. */
    public Received next(Duration timeout) throws InterruptedException {
        Received r = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no webhook request within " + timeout);
        }
        return r;
    }

    /** Waits until {@code condition} holds, for at most 10 s. */
    public static void await(String what, IntSupplier actual, int expected) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (actual.getAsInt() != expected) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + ": expected " + expected + ", got " + actual.getAsInt());
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
