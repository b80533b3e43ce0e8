package dev.skewguard.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.rule.ClassStats;
import dev.skewguard.collector.rule.Finding;
import dev.skewguard.collector.rule.Mode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WebhookSender against a real HTTP receiver on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookSenderTest {
    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    private static final WebhookSender.Settings FAST = new WebhookSender.Settings(8, 4, Duration.ofMillis(20),
            Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(5));
    private static final Finding FINDING = new Finding(3, Mode.TRAIN, "w0", 1000, List.of(Finding.IMBALANCE), 99.0,
            List.of(new ClassStats(1, 10, 0, 0.0), new ClassStats(0, 990, 0, 0.0)), 10.0, 0.7);

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private static byte[] body(String job) {
        return AlertJson.triggered(job, "stop", FINDING, null);
    }

    @Test
    void theBodyArrivesValidAndSigned() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             WebhookSender sender = WebhookSender.start(FAST, lines::add)) {
            WebhookTarget target = WebhookTarget.of(receiver.url(), SECRET);
            byte[] body = body("job-a");
            assertTrue(sender.offer(target, AlertEvent.TRIGGERED, "job-a", body));
            WebhookReceiver.Received got = receiver.next(Duration.ofSeconds(10));
            JsonNode alert = AlertSchema.validated(got.body());
            assertEquals("triggered", alert.get("event").asText());
            assertEquals("job-a", alert.get("job").asText());
            assertEquals(99.0, alert.get("finding").get("ratio").asDouble());
            String signature = got.header(WebhookSignature.HEADER);
            assertTrue(signature.matches("sha256=[0-9a-f]{64}"), signature);
            assertTrue(WebhookSignature.verify(SECRET, got.body(), signature));
            assertFalse(WebhookSignature.verify("other".getBytes(StandardCharsets.UTF_8), got.body(), signature),
                    "another secret does not verify");
            assertEquals("application/json", got.header("Content-Type"));
            assertEquals("triggered", got.header("X-Skewguard-Event"));
            WebhookReceiver.await("sent", () -> (int) sender.sent(), 1);
            assertEquals(0, sender.failed());
            assertTrue(lines.isEmpty(), lines.toString());
        }
    }

    @Test
    void aServerErrorIsRetriedWithTheSameBody() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(500, 503);
             WebhookSender sender = WebhookSender.start(FAST, lines::add)) {
            sender.offer(WebhookTarget.of(receiver.url(), SECRET), AlertEvent.TRIGGERED, "job-r", body("job-r"));
            WebhookReceiver.Received first = receiver.next(Duration.ofSeconds(10));
            WebhookReceiver.Received second = receiver.next(Duration.ofSeconds(10));
            WebhookReceiver.Received third = receiver.next(Duration.ofSeconds(10));
            assertEquals(List.of(500, 503, 200), List.of(first.answered(), second.answered(), third.answered()));
            assertEquals(new String(first.body(), StandardCharsets.UTF_8),
                    new String(third.body(), StandardCharsets.UTF_8), "a retry sends the same alert (same id)");
            WebhookReceiver.await("sent", () -> (int) sender.sent(), 1);
            assertEquals(2, sender.retries());
            assertEquals(0, sender.failed());
        }
    }

    @Test
    void attemptsAreBoundedAndAClientErrorIsNotRetried() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(500, 500, 500, 500, 401);
             WebhookSender sender = WebhookSender.start(FAST, lines::add)) {
            WebhookTarget target = WebhookTarget.of(receiver.url(), SECRET);
            sender.offer(target, AlertEvent.TRIGGERED, "job-f", body("job-f"));
            WebhookReceiver.await("failed", () -> (int) sender.failed(), 1);
            assertEquals(4, receiver.requests(), "maxAttempts 4");
            assertEquals(3, sender.retries());
            sender.offer(target, AlertEvent.STOP_SENT, "job-g", body("job-g"));
            WebhookReceiver.await("failed", () -> (int) sender.failed(), 2);
            assertEquals(5, receiver.requests(), "401 is not retried");
            assertEquals(0, sender.sent());
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("webhook: the triggered alert of job \"job-f\" was not delivered to "
                    + receiver.url() + ": answered 500 at each of 4 attempts"), lines.get(0));
            assertTrue(lines.get(1).contains("answered 401 (not retried"), lines.get(1));
        }
    }

    @Test
    void aFullQueueDropsNewAlertsWithoutWaitingAndSaysSoOnce() throws Exception {
        WebhookSender.Settings two = new WebhookSender.Settings(2, 1, Duration.ofMillis(20), Duration.ofMillis(20),
                Duration.ofSeconds(20), Duration.ofSeconds(5));
        try (WebhookReceiver receiver = new WebhookReceiver();
             WebhookSender sender = WebhookSender.start(two, lines::add)) {
            receiver.hold();
            WebhookTarget target = WebhookTarget.of(receiver.url(), SECRET);
            sender.offer(target, AlertEvent.TRIGGERED, "job-0", body("job-0"));
            WebhookReceiver.await("in flight", receiver::requests, 1);
            long start = System.nanoTime();
            int accepted = 0;
            for (int i = 1; i <= 10; i++) {
                accepted += sender.offer(target, AlertEvent.TRIGGERED, "job-" + i, body("job-" + i)) ? 1 : 0;
            }
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
            assertTrue(micros < 2_000_000, "offers never wait for the receiver: " + micros + " us");
            assertEquals(2, accepted, "the queue holds 2 while one is in flight");
            assertEquals(8, sender.dropped());
            assertEquals(2, sender.queued());
            assertEquals(1, lines.size(), "one line for the drops: " + lines);
            assertTrue(lines.get(0).startsWith("webhook: dropped the triggered alert of job \"job-3\": the queue is "
                    + "full (2 alerts waiting;"), lines.get(0));
            receiver.release();
            WebhookReceiver.await("sent", () -> (int) sender.sent(), 3);
            List<String> jobs = List.of(receiver.next(Duration.ofSeconds(5)), receiver.next(Duration.ofSeconds(5)),
                    receiver.next(Duration.ofSeconds(5))).stream()
                    .map(r -> AlertSchema.validated(r.body()).get("job").asText()).toList();
            assertEquals(List.of("job-0", "job-1", "job-2"), jobs, "the oldest are kept, in order");
        }
    }

    @Test
    void closeDeliversWhatIsQueuedWithinItsDrainTime() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            WebhookSender sender = WebhookSender.start(FAST, lines::add);
            WebhookTarget target = WebhookTarget.of(receiver.url(), SECRET);
            for (int i = 0; i < 3; i++) {
                sender.offer(target, AlertEvent.STOP_SENT, "job-" + i, body("job-" + i));
            }
            sender.close();
            assertEquals(3, sender.sent());
            assertFalse(sender.offer(target, AlertEvent.STOP_SENT, "late", body("late")), "closed: not queued");
        }
    }
}
