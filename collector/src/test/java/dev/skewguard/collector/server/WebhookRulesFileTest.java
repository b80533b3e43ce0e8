package dev.skewguard.collector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.alert.AlertRoutes;
import dev.skewguard.collector.alert.AlertSchema;
import dev.skewguard.collector.alert.WebhookReceiver;
import dev.skewguard.collector.alert.WebhookSignature;
import dev.skewguard.collector.alert.WebhookTarget;
import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.params.ParameterRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts routed per job pattern by the rules file's webhook sections: a team's jobs to its own receiver with its own
 * secret, a pattern whose section is null to none, every other job to serve's --webhook-url.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookRulesFileTest {
    private static final byte[] TEAM_SECRET = "team-a-secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PLATFORM_SECRET = "platform-secret".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void eachJobsAlertsGoWhereTheFirstMatchingEntrySays() throws Exception {
        Path secret = Files.write(dir.resolve("team-a.secret"), TEAM_SECRET);
        try (WebhookReceiver team = new WebhookReceiver();
             WebhookReceiver platform = new WebhookReceiver()) {
            ParameterRules rules = ParameterRules.parse("{\"rules\": ["
                    + "{\"jobs\": [\"team-a-*\"], \"webhook\": {\"url\": \"" + team.url() + "\", \"secret_file\": \""
                    + secret + "\"}},"
                    + "{\"jobs\": [\"sandbox-*\"], \"webhook\": null}"
                    + "]}", null);
            try (CollectorServer collector = CollectorServer.start(ServerOptions.builder().port(0).quiet(true)
                    .patience(Patience.NONE).action(Action.LOG).rules(rules)
                    .alertRoutes(AlertRoutes.everyJob(WebhookTarget.of(platform.url(), PLATFORM_SECRET)))
                    .build())) {
                MetricsTest.feedSkewedThenLessSkewed(collector.port(), "team-a-train");
                MetricsTest.feedSkewedThenLessSkewed(collector.port(), "sandbox-try");
                MetricsTest.feedSkewedThenLessSkewed(collector.port(), "team-b-train");

                List<String> teamJobs = jobs(team, TEAM_SECRET, 2);
                List<String> platformJobs = jobs(platform, PLATFORM_SECRET, 2);
                assertEquals(List.of("team-a-train", "team-a-train"), teamJobs, "triggered and stop decision");
                assertEquals(List.of("team-b-train", "team-b-train"), platformJobs);
                Thread.sleep(300);
                assertEquals(2, team.requests(), "nothing else reached the team's receiver");
                assertEquals(2, platform.requests(), "sandbox-try's alerts went nowhere");
            }
        }
    }

    /** The job of each of the next {@code n} alerts, each checked against its secret and the alert schema. */
    private static List<String> jobs(WebhookReceiver receiver, byte[] secret, int n) throws Exception {
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WebhookReceiver.Received got = receiver.next(Duration.ofSeconds(10));
            assertTrue(WebhookSignature.verify(secret, got.body(), got.header(WebhookSignature.HEADER)));
            jobs.add(AlertSchema.validated(got.body()).get("job").asText());
        }
        return jobs;
    }
}
