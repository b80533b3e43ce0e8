package dev.skewguard.collector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.options.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** deploy/grafana/skewguard.json queries only metrics the collector's /metrics serves. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrafanaDashboardTest {
    /** From the collector module's directory, where the tests run. */
    private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "skewguard.json");
    private static final Pattern METRIC = Pattern.compile("\\bskewguard_[a-z_]+\\b");

    private static JsonNode dashboard() throws Exception {
        assertTrue(Files.isRegularFile(DASHBOARD), "no dashboard at " + DASHBOARD.toAbsolutePath());
        return new ObjectMapper().readTree(DASHBOARD.toFile());
    }

    /** Every PromQL text of the dashboard: panel targets and template variable queries. */
    private static List<String> queries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            JsonNode query = variable.path("query");
            queries.add(query.isTextual() ? query.asText() : query.path("query").asText());
        }
        return queries;
    }

    @Test
    void everyMetricTheDashboardQueriesIsServed() throws Exception {
        JsonNode dashboard = dashboard();
        assertEquals("skewguard", dashboard.path("uid").asText());
        assertTrue(dashboard.path("panels").size() >= 5, "the dashboard has its panels");
        Set<String> queried = new TreeSet<>();
        for (String query : queries(dashboard)) {
            assertFalse(query.isBlank(), "a panel target or variable without a query");
            Matcher m = METRIC.matcher(query);
            boolean any = false;
            while (m.find()) {
                queried.add(m.group());
                any = true;
            }
            assertTrue(any, "a query that reads no skewguard metric: " + query);
        }

        try (CollectorServer collector = CollectorServer.start(ServerOptions.builder().port(0).quiet(true)
                .metricsPort(0).patience(Patience.NONE).log(line -> { }).build())) {
            // A job that fired and was decided, so that every series is there.
            MetricsTest.feedSkewedThenLessSkewed(collector.port(), "dash");
            Exposition metrics = Exposition.scrape(collector.metricsPort().orElseThrow());
            Set<String> served = metrics.samples().stream().map(Exposition.Sample::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> missing = new TreeSet<>(queried);
            missing.removeAll(served);
            assertTrue(missing.isEmpty(), "the dashboard queries " + missing + ", not served; served: " + served);
            Set<String> shown = new TreeSet<>(served);
            shown.removeAll(queried);
            assertTrue(shown.isEmpty(), "served but on no panel: " + shown);
        }
    }
}
