package dev.skewguard.collector.alert;

import dev.skewguard.collector.logging.LineRateLimit;
import dev.skewguard.collector.logging.LogText;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Delivers alerts to their webhooks on its own thread with the JDK's {@link HttpClient}: a POST of the JSON body with
 * its {@value WebhookSignature#HEADER}. {@link #offer} never blocks: alerts wait in a bounded queue; when it is full
 * the new alert is dropped (counted, and said in at most one line a minute), so a slow or dead receiver never slows
 * the batches being counted. A connection error, a timeout, 408, 429 or 5xx is retried with exponential backoff
 * (jittered) up to {@link Settings#maxAttempts()}; any other answer, or the last attempt, fails the alert (counted, one
 * line). On {@link #close()} the queue is delivered for at most {@link Settings#drainOnClose()}.
 */
public final class WebhookSender implements AutoCloseable {
    /** Failure lines per minute; the rest are counted in the next one written. */
    static final int FAILURE_LINES = 10;

    /**
     * How alerts are delivered.
     *
     * @param queueCapacity alerts waiting at most; beyond, new ones are dropped
     * @param maxAttempts attempts per alert, the first included
     * @param firstBackoff the wait after the first failed attempt; doubled after each further one
     * @param maxBackoff the longest wait between attempts
     * @param requestTimeout connect and answer timeout of one attempt
     * @param drainOnClose how long {@link #close()} keeps delivering what is queued
     */
    public record Settings(int queueCapacity, int maxAttempts, Duration firstBackoff, Duration maxBackoff,
            Duration requestTimeout, Duration drainOnClose) {
        public static final Settings DEFAULTS = new Settings(256, 6, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(5));

        public Settings {
            if (queueCapacity < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("queue capacity and attempts must be at least 1");
            }
        }
    }

    private record Delivery(WebhookTarget target, AlertEvent event, String jobId, byte[] body) {
    }

    private final Settings settings;
    private final ArrayBlockingQueue<Delivery> queue;
    private final HttpClient http;
    private final Consumer<String> warn;
    private final Thread thread;
    private final LineRateLimit dropLines = new LineRateLimit(1, Duration.ofMinutes(1));
    private final LineRateLimit failureLines = new LineRateLimit(FAILURE_LINES, Duration.ofMinutes(1));
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean closing;

    private WebhookSender(Settings settings, Consumer<String> warn) {
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.warn = warn;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.thread = new Thread(this::run, "skewguard-webhook");
        thread.setDaemon(true);
    }

    /** A sender; its thread starts with the first alert. {@code warn} gets its lines (drops, failures). */
    public static WebhookSender start(Settings settings, Consumer<String> warn) {
        return new WebhookSender(settings, warn);
    }

    /** Queues an alert for {@code target}; false when the queue is full (dropped) or the sender is closing. */
    public boolean offer(WebhookTarget target, AlertEvent event, String jobId, byte[] body) {
        if (!closing && queue.offer(new Delivery(target, event, jobId, body))) {
            if (started.compareAndSet(false, true)) {
                thread.start();
            }
            return true;
        }
        long total = dropped.incrementAndGet();
        long held = dropLines.admit();
        if (held != LineRateLimit.SUPPRESS) {
            warn.accept("webhook: dropped the " + event.jsonName() + " alert of job " + LogText.quote(jobId) + ": "
                    + (closing ? "the collector is closing" : "the queue is full (" + settings.queueCapacity()
                    + " alerts waiting; " + target.describe() + " is slow or failing)") + "; " + total
                    + " dropped in all (skewguard_webhook_dropped_total)");
        }
        return false;
    }

    private void run() {
        Delivery next = null;
        try {
            while (true) {
                next = closing ? queue.poll() : queue.poll(200, TimeUnit.MILLISECONDS);
                if (next != null) {
                    deliver(next);
                    next = null;
                } else if (closing) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // close() ran out of drainOnClose: the one being delivered fails here, the queued ones in close()
            if (next != null) {
                failed(next, "the collector closed before it was delivered");
            }
        }
    }

    private void deliver(Delivery d) throws InterruptedException {
        long backoffNanos = settings.firstBackoff().toNanos();
        for (int attempt = 1; ; attempt++) {
            String failure;
            boolean retryable;
            try {
                HttpResponse<Void> response = http.send(request(d), HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    sent.incrementAndGet();
                    return;
                }
                failure = "answered " + status;
                retryable = status == 408 || status == 429 || status >= 500;
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
                retryable = true;
            }
            if (!retryable || attempt >= settings.maxAttempts()) {
                failed(d, failure + (retryable ? " at each of " + attempt + " attempts"
                        : " (not retried: check the receiver's URL and that it accepts the signature)"));
                return;
            }
            retries.incrementAndGet();
            long jittered = backoffNanos / 2 + ThreadLocalRandom.current().nextLong(backoffNanos / 2 + 1);
            TimeUnit.NANOSECONDS.sleep(jittered);
            backoffNanos = Math.min(backoffNanos * 2, settings.maxBackoff().toNanos());
        }
    }

    private HttpRequest request(Delivery d) {
        return HttpRequest.newBuilder(d.target().url()).timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "skewguard-collector")
                .header("X-Skewguard-Event", d.event().jsonName())
                .header(WebhookSignature.HEADER, d.target().sign(d.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body())).build();
    }

    private void failed(Delivery d, String why) {
        failed.incrementAndGet();
        long held = failureLines.admit();
        if (held != LineRateLimit.SUPPRESS) {
            warn.accept("webhook: the " + d.event().jsonName() + " alert of job " + LogText.quote(d.jobId()) + " was not "
                    + "delivered to " + d.target().describe() + ": " + why
                    + (held > 0 ? " " + failureLines.suppressedNote(held) : ""));
        }
    }

    /** Alerts the receiver answered with 2xx. */
    public long sent() {
        return sent.get();
    }

    /** Alerts given up on: refused, out of attempts, or still queued when the collector closed. */
    public long failed() {
        return failed.get();
    }

    /** Alerts dropped because the queue was full (or the collector closing). */
    public long dropped() {
        return dropped.get();
    }

    /** Attempts made again after a failed one. */
    public long retries() {
        return retries.get();
    }

    /** Alerts waiting now. */
    public int queued() {
        return queue.size();
    }

    /** Delivers what is queued for at most {@link Settings#drainOnClose()}, then gives up on the rest. */
    @Override
    public void close() {
        closing = true;
        if (!started.get()) {
            return;
        }
        try {
            thread.join(Math.max(1, settings.drainOnClose().toMillis()));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.size();
        queue.clear();
        if (left > 0) {
            failed.addAndGet(left);
            warn.accept("webhook: " + left + (left == 1 ? " alert" : " alerts") + " not delivered within "
                    + settings.drainOnClose().toMillis() + " ms of closing");
        }
    }
}
