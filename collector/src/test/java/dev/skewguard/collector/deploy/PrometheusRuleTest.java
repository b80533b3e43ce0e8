package dev.skewguard.collector.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.skewguard.collector.alert.AlertRoutes;
import dev.skewguard.collector.alert.WebhookReceiver;
import dev.skewguard.collector.alert.WebhookTarget;
import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.server.CollectorServer;
import dev.skewguard.collector.server.TestAgent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** deploy/prometheus/skewguard-alerts.yaml: a PrometheusRule whose expressions read only metrics the collector serves. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrometheusRuleTest {
    static final String FILE = "deploy/prometheus/skewguard-alerts.yaml";
    private static final Pattern METRIC = Pattern.compile("\\bskewguard_[a-z_]+\\b");
    private static final Pattern SERVED = Pattern.compile("(?m)^(skewguard_[a-z_]+)[{ ]");

    @Test
    void everyAlertReadsMetricsTheCollectorServes() throws Exception {
        Path file = RepositoryFiles.resolve(FILE);
        JsonNode rule = new YAMLMapper().readTree(file.toFile());
        assertEquals("monitoring.coreos.com/v1", rule.path("apiVersion").asText());
        assertEquals("PrometheusRule", rule.path("kind").asText());
        assertFalse(rule.path("metadata").path("name").asText().isEmpty());
        Set<String> names = new HashSet<>();
        Set<String> read = new TreeSet<>();
        int alerts = 0;
        for (JsonNode group : rule.path("spec").path("groups")) {
            assertFalse(group.path("name").asText().isEmpty(), "a group without a name");
            for (JsonNode r : group.path("rules")) {
                String alert = r.path("alert").asText();
                assertTrue(alert.matches("[A-Z][A-Za-z]+"), "alert name: " + r);
                assertTrue(names.add(alert), "two alerts named " + alert);
                assertTrue(Set.of("warning", "critical").contains(r.path("labels").path("severity").asText()),
                        alert + " has a severity");
                assertFalse(r.path("annotations").path("summary").asText().isBlank(), alert + " has a summary");
                Matcher m = METRIC.matcher(r.path("expr").asText());
                boolean any = false;
                while (m.find()) {
                    read.add(m.group());
                    any = true;
                }
                assertTrue(any, alert + " reads no skewguard metric: " + r.path("expr").asText());
                alerts++;
            }
        }
        assertTrue(alerts >= 5, "alerts: " + names);
        assertTrue(read.contains("skewguard_triggered") && read.contains("skewguard_decided")
                && read.contains("skewguard_webhook_failed_total"), read.toString());

        Set<String> served = servedByACollectorWithAWebhook();
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(served);
        assertTrue(missing.isEmpty(), FILE + " reads " + missing + ", not served; served: " + served);
    }

    /** The metric names a collector with a webhook serves once a job fired and was stopped. */
    private static Set<String> servedByACollectorWithAWebhook() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             CollectorServer collector = CollectorServer.start(ServerOptions.builder().port(0).quiet(true)
                     .metricsPort(0).patience(Patience.NONE).action(Action.STOP).log(line -> { })
                     .alertRoutes(AlertRoutes.everyJob(WebhookTarget.of(receiver.url(),
                             "s".getBytes(StandardCharsets.UTF_8))))
                     .build())) {
            try (TestAgent agent = TestAgent.connect(collector.port())) {
                agent.hello("rules", "w0", "i0");
                int[] labels = new int[1000];
                labels[0] = 1;
                labels[1] = 1;
                agent.batch(1, labels, labels);
                agent.awaitStop();
            }
            receiver.next(Duration.ofSeconds(10));
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + collector.metricsPort().orElseThrow() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            Set<String> served = new TreeSet<>();
            Matcher m = SERVED.matcher(response.body());
            while (m.find()) {
                served.add(m.group(1));
            }
            return served;
        }
    }
}
