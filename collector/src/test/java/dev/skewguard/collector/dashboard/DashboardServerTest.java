package dev.skewguard.collector.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skewguard.collector.health.CollectorHealth;
import dev.skewguard.collector.report.ReportJson;
import dev.skewguard.collector.rule.ClassImbalanceRule;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.Record;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.rule.Tensor;
import dev.skewguard.collector.security.TokensFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's HTTP side over jobs made by a real rule: page, assets, JSON, tokens. */
class DashboardServerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TOKEN_A = "aaaaaaaaaaaaaaaaaaaaaaaa";
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** Two jobs, each one rule fed 200 train records: class 0 three labels a record, class 1 one, mispredicted. */
    static DashboardJobs jobs(String... ids) {
        Map<String, DashboardJobs.JobView> views = new LinkedHashMap<>();
        for (String id : ids) {
            ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.DEFAULTS);
            for (int step = 0; step < 200; step++) {
                rule.accept(new Record(step, Mode.TRAIN, "w0", List.of(int32("labels", 0, 0, 0, 1),
                        int32("predictions", 0, 0, 0, 0))));
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("job", id);
            extra.put("connected_workers", 1);
            Map<String, dev.skewguard.collector.history.ModeHistory.Snapshot> history = new LinkedHashMap<>();
            rule.history().forEach((mode, s) -> history.put(mode.jsonName(), s));
            views.put(id, new DashboardJobs.JobView(ReportJson.toJson(rule.report(), extra), history));
        }
        return new DashboardJobs() {
            @Override
            public List<String> ids() {
                return List.copyOf(views.keySet());
            }

            @Override
            public Optional<JobView> find(String jobId) {
                return Optional.ofNullable(views.get(jobId));
            }
        };
    }

    static Tensor int32(String name, int... values) {
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            data.putInt(v);
        }
        data.flip();
        return Tensor.of(name, new long[] {values.length}, dev.skewguard.collector.rule.DType.INT32, data);
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageTheChartLibraryAndEachJobsReportWithItsHistory() throws Exception {
        try (DashboardServer server = DashboardServer.start("127.0.0.1", 0, null, null, jobs("job-a", "job b"),
                new CollectorHealth().healthzHandler())) {
            HttpResponse<String> page = get(server.port(), "/", null);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<script src=\"assets/uPlot.iife.min.js\"></script>"), page.body());
            HttpResponse<String> uplot = get(server.port(), "/assets/uPlot.iife.min.js", null);
            assertEquals(200, uplot.statusCode());
            assertTrue(uplot.body().contains("uPlot"), "the webjar's script");
            assertEquals(200, get(server.port(), "/assets/dashboard.js", null).statusCode());
            assertEquals(404, get(server.port(), "/assets/../logback.xml", null).statusCode());

            JsonNode list = MAPPER.readTree(get(server.port(), "/api/jobs", null).body());
            assertEquals(2, list.path("jobs").size());
            assertEquals("job-a", list.path("jobs").get(0).path("job").asText());
            assertEquals("triggered", list.path("jobs").get(0).path("state").asText());
            assertEquals(800, list.path("jobs").get(0).path("labels").asLong());

            JsonNode job = MAPPER.readTree(get(server.port(), "/api/jobs/job%20b", null).body());
            assertEquals("job b", job.path("job").asText());
            assertTrue(job.path("triggered").asBoolean(), "class 1 is always mispredicted");
            JsonNode train = job.path("history").path("train");
            assertEquals(200, train.path("labels").size());
            assertEquals(800, train.path("labels").get(199).asLong());
            assertEquals(3.0, train.path("ratio").get(199).asDouble());
            assertEquals(1.0, train.path("misprediction_fraction").path("1").get(199).asDouble());

            HttpResponse<String> unknown = get(server.port(), "/api/jobs/nope", null);
            assertEquals(404, unknown.statusCode());
            assertTrue(unknown.body().contains("no job \\\"nope\\\""), unknown.body());
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/jobs"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
        }
    }

    @Test
    void withTokensTheJsonNeedsOneAndShowsOnlyItsJobs() throws Exception {
        Path tokensFile = dir.resolve("tokens");
        Files.writeString(tokensFile, TOKEN_A + " job-a*\n");
        TokensFile tokens = TokensFile.read(tokensFile);
        CollectorHealth health = new CollectorHealth();
        health.listening();
        try (DashboardServer server = DashboardServer.start("127.0.0.1", 0, null, tokens, jobs("job-a", "job-b"),
                health.healthzHandler())) {
            assertEquals(200, get(server.port(), "/", null).statusCode(), "the page holds no data");
            assertEquals(200, get(server.port(), "/healthz", null).statusCode(), "probes need no token");
            assertEquals(401, get(server.port(), "/api/jobs", null).statusCode());
            assertEquals(401, get(server.port(), "/api/jobs", "bbbbbbbbbbbbbbbbbbbbbbbbbb").statusCode());
            JsonNode list = MAPPER.readTree(get(server.port(), "/api/jobs", TOKEN_A).body());
            assertEquals(1, list.path("jobs").size());
            assertEquals("job-a", list.path("jobs").get(0).path("job").asText());
            assertEquals(200, get(server.port(), "/api/jobs/job-a", TOKEN_A).statusCode());
            assertEquals(404, get(server.port(), "/api/jobs/job-b", TOKEN_A).statusCode());
        }
    }

    @Test
    void theOfflinePageInlinesEverythingAndEscapesTheData() {
        DashboardJobs jobs = jobs("</script><script>alert(1)</script>");
        String html = HtmlReport.of(jobs.find(jobs.ids().get(0)).orElseThrow());
        assertFalse(html.contains("src=\"assets/"), "no script to fetch");
        assertFalse(html.contains("href=\"assets/"), "no style to fetch");
        assertFalse(html.contains("alert(1)</script>"), "the job id cannot end the data's script element");
        assertTrue(html.contains("id=\"skewguard-data\""));
        assertTrue(html.contains("uPlot"));
    }
}
