package dev.skewguard.collector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.alert.AlertRoutes;
import dev.skewguard.collector.alert.AlertSchema;
import dev.skewguard.collector.alert.WebhookReceiver;
import dev.skewguard.collector.alert.WebhookSignature;
import dev.skewguard.collector.alert.WebhookTarget;
import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A collector with a webhook: a job's trigger, stop decision and Stop sent reach a real receiver on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookAlertsTest {
    private static final byte[] SECRET = "team-secret".getBytes(StandardCharsets.UTF_8);

    @Test
    void triggerDecisionAndStopArriveSignedWithAdviceAndAreCounted() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver(500);
             CollectorServer collector = CollectorServer.start(ServerOptions.builder().port(0).quiet(true)
                     .metricsPort(0).patience(Patience.NONE).action(Action.STOP).log(lines::add)
                     // Only jobs named team-a-*: the routes decide, per job.
                     .alertRoutes(job -> job.startsWith("team-a-")
                             ? Optional.of(WebhookTarget.of(receiver.url(), SECRET)) : Optional.empty())
                     .build())) {
            MetricsTest.feedSkewedThenLessSkewed(collector.port(), "team-b-quiet");
            try (TestAgent agent = TestAgent.connect(collector.port())) {
                agent.hello("team-a-train", "w0", "i0");
                agent.batch(1, MetricsTest.LABELS_1, MetricsTest.PREDICTIONS_1);
                agent.awaitStop();
            }
            WebhookReceiver.Received failedOnce = receiver.next(Duration.ofSeconds(10));
            assertEquals(500, failedOnce.answered());
            JsonNode[] alerts = new JsonNode[3];
            for (int i = 0; i < 3; i++) {
                WebhookReceiver.Received got = receiver.next(Duration.ofSeconds(10));
                assertTrue(WebhookSignature.verify(SECRET, got.body(), got.header(WebhookSignature.HEADER)),
                        "signed with the secret");
                alerts[i] = AlertSchema.validated(got.body());
                assertEquals("team-a-train", alerts[i].get("job").asText());
                assertEquals("stop", alerts[i].get("action").asText());
            }
            assertEquals(List.of("triggered", "stop_decision", "stop_sent"),
                    List.of(alerts[0].get("event").asText(), alerts[1].get("event").asText(),
                            alerts[2].get("event").asText()));
            assertEquals(alerts[0].get("id").asText(), AlertSchema.validated(failedOnce.body()).get("id").asText(),
                    "the retried alert is the first trigger's");
            assertEquals(1, alerts[2].get("agents_stopped").asInt());
            assertTrue(alerts[1].get("stop_decision").get("held").toString().contains("imbalance"));
            JsonNode advice = alerts[0].get("advice");
            assertEquals("w_c = N / (K * n_c)", advice.get("formula").asText());
            // 900, 10, 40, 30, 20 labels of classes 0..4: N = 1000, K = 5.
            assertEquals(1000.0 / (5 * 10), advice.get("class_weights").get("1").asDouble(), 1e-9);
            assertEquals(1000.0 / (5 * 900), advice.get("class_weights").get("0").asDouble(), 1e-9);
            WebhookReceiver.await("requests", receiver::requests, 4);
            Exposition metrics = Exposition.scrape(collector.metricsPort().orElseThrow());
            assertEquals(3, metrics.value("skewguard_webhook_sent_total"));
            assertEquals(1, metrics.value("skewguard_webhook_retries_total"));
            assertEquals(0, metrics.value("skewguard_webhook_failed_total"));
            assertEquals(0, metrics.value("skewguard_webhook_dropped_total"));
            assertEquals(0, metrics.value("skewguard_webhook_queued"));
            String trigger = lines.stream().filter(l -> l.startsWith("TRIGGERED job \"team-a-train\"")).findFirst()
                    .orElseThrow(() -> new AssertionError("no trigger line: " + lines));
            assertTrue(trigger.contains("; advice: class weights "), trigger);
        }
    }
}
