package dev.skewguard.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.report.ReportSchema;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** evaluate --rules-file F --job ID [--job-parameter N=V]: a job re-judged offline as serve judged it. */
class EvaluateJobRulesTest {
    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    private Result run(String... args) {
        CommandLine cl = CollectorMain.commandLine(new ByteArrayInputStream(new byte[0]));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    /** One record: 990 labels of class 0, 10 of class 1 (ratio 99). */
    private Path data() throws Exception {
        List<String> values = new ArrayList<>(Collections.nCopies(990, "0"));
        values.addAll(Collections.nCopies(10, "1"));
        String ids = String.join(", ", values);
        Path p = dir.resolve("data.jsonl");
        Files.writeString(p, "{\"step\": 3, \"tensors\": {\"labels\": [" + ids + "], \"predictions\": [" + ids
                + "]}}\n", StandardCharsets.UTF_8);
        return p;
    }

    private Path rules() throws Exception {
        Path p = dir.resolve("rules.json");
        Files.writeString(p, "{\"rules\": [{\"jobs\": [\"team-a-*\"], \"parameters\": {\"threshold_imbalance\": 200},"
                + " \"job_may_set\": [\"samples\"]}]}");
        return p;
    }

    @Test
    void theRulesFileEntryOfTheJobAndItsUnlockedValuesApply() throws Exception {
        Result matched = run("evaluate", "--rules-file", rules().toString(), "--job", "team-a-1",
                "--job-parameter", "threshold_imbalance=5", "--job-parameter", "samples=100", data().toString());
        assertEquals(0, matched.status(), matched.err());
        JsonNode report = ReportSchema.validated(matched.out());
        assertEquals("team-a-1", report.path("job").asText());
        JsonNode params = report.path("job_parameters");
        assertEquals(200.0, params.path("effective").path("threshold_imbalance").asDouble());
        assertEquals("rules_file", params.path("sources").path("threshold_imbalance").asText());
        assertEquals(100, params.path("effective").path("samples").asInt());
        assertEquals("job", params.path("sources").path("samples").asText());
        assertEquals("threshold_imbalance", params.path("ignored").get(0).path("parameter").asText());

        Result other = run("evaluate", "--rules-file", rules().toString(), "--job", "team-b-1", data().toString());
        assertEquals(1, other.status(), "no entry matches: the defaults fire at ratio 99: " + other.err());
        assertEquals("default", ReportSchema.validated(other.out()).path("job_parameters").path("sources")
                .path("threshold_imbalance").asText());
    }

    @Test
    void mistakesAreUsageErrors() throws Exception {
        Result noJob = run("evaluate", "--rules-file", rules().toString(), data().toString());
        assertEquals(2, noJob.status());
        assertTrue(noJob.err().contains("--rules-file needs --job ID"), noJob.err());
        Result bad = run("evaluate", "--job", "j", "--job-parameter", "samples=-1", data().toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--job-parameter samples: invalid value \"-1\""), bad.err());
    }
}
