package dev.skewguard.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skewguard.collector.report.ReportSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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

/** {@code evaluate} end to end, in process: exit status, standard output (the JSON report) and standard error. */
class EvaluateCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
        JsonNode json() throws IOException {
            return ReportSchema.validated(out);
        }
    }

    private static Result run(InputStream stdin, String... args) {
        CommandLine cl = CollectorMain.commandLine(stdin);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    private static Result run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    private Path file(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, List.of(lines), StandardCharsets.UTF_8);
        return p;
    }

    /** The original's known case: one record at step 3, "labels_0" = 990 zeros then 10 ones. */
    private static String knownCaseLine() {
        List<String> values = new ArrayList<>(Collections.nCopies(990, "0"));
        values.addAll(Collections.nCopies(10, "1"));
        return "{\"step\": 3, \"tensors\": {\"labels_0\": [" + String.join(", ", values) + "]}}";
    }

    private static String line(long step, String worker, int[] labels, int[] predictions) {
        StringBuilder s = new StringBuilder("{\"step\": ").append(step).append(", \"mode\": \"train\"");
        if (worker != null) {
            s.append(", \"worker\": \"").append(worker).append('"');
        }
        s.append(", \"tensors\": {\"train/labels\": ").append(java.util.Arrays.toString(labels))
                .append(", \"train/predictions\": ").append(java.util.Arrays.toString(predictions)).append("}}");
        return s.toString();
    }

    private static int[] balanced(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i % 4;
        }
        return out;
    }

    @Test
    void knownCaseTriggersWithExitStatus1AndEveryReportField() throws Exception {
        Path in = file("known.jsonl", knownCaseLine());
        Result r = run("evaluate", "--labels-regex", "labels_0", "--predictions-regex", "labels_0", in.toString());
        assertEquals(1, r.status(), r.err());
        JsonNode json = r.json();
        assertEquals("ClassImbalance", json.get("rule").asText());
        assertTrue(json.get("triggered").asBoolean());
        JsonNode finding = json.get("finding");
        assertEquals(3, finding.get("step").asLong());
        assertEquals("global", finding.get("mode").asText());
        assertTrue(finding.get("worker").isNull(), "no worker in the line: null");
        assertEquals("imbalance", finding.get("checks").get(0).asText());
        assertEquals(1, finding.get("checks").size());
        assertEquals(99.0, finding.get("ratio").asDouble());
        assertEquals("global", json.get("mode").asText());
        assertEquals(99.0, json.get("ratio").asDouble(), "one line: the final ratio is the trigger's");
        assertEquals(0, json.get("frameworks").size(), "labels_0 names no framework");
        JsonNode times = json.get("timestamps");
        assertFalse(times.get("started").isNull());
        assertFalse(times.get("first_trigger").isNull());
        assertTrue(times.get("stop_decision").isNull(), "no stop decision: the patience did not run out");
        JsonNode c0 = json.get("classes").get("0");
        assertEquals(990, c0.get("count").asLong());
        assertEquals(0, c0.get("mispredicted").asLong());
        assertEquals(0.0, c0.get("misprediction_fraction").asDouble());
        assertEquals(10, json.get("classes").get("1").get("count").asLong());
        assertEquals(1000, json.get("samples_seen").asLong());
        assertEquals(0, json.get("data_errors").asLong());
        assertFalse(json.get("nothing_matched").asBoolean());
        JsonNode params = json.get("parameters");
        assertEquals("labels_0", params.get("labels_regex").asText());
        assertEquals(10.0, params.get("threshold_imbalance").asDouble());
        assertEquals(500, params.get("samples").asInt());
        assertTrue(r.err().contains("imbalance ratio 99.0 > 10.0"), r.err());
    }

    @Test
    void theIssuesExampleLineEvaluatesWithArgmaxAndExitStatus0() throws Exception {
        Path in = file("example.jsonl", "{\"step\": 3, \"mode\": \"train\", \"worker\": \"w0\", \"tensors\": "
                + "{\"labels_0\": [0, 0, 1], \"predictions\": [[0.9, 0.1], [0.2, 0.8], [0.3, 0.7]]}}");
        Result r = run("evaluate", "--argmax", "--samples", "3", in.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode json = r.json();
        assertFalse(json.get("triggered").asBoolean());
        assertTrue(json.get("finding").isNull());
        assertTrue(json.get("timestamps").get("first_trigger").isNull());
        assertEquals("train", json.get("mode").asText());
        assertEquals(2.0, json.get("ratio").asDouble());
        assertEquals(1, json.get("classes").get("0").get("mispredicted").asLong());
        assertEquals(0.5, json.get("classes").get("0").get("misprediction_fraction").asDouble());
        assertEquals(3, json.get("samples_seen").asLong());
        assertTrue(json.get("parameters").get("argmax").asBoolean());
    }

    @Test
    void frameworksAreThoseTheCountedTensorNamesName() throws Exception {
        Path in = file("frameworks.jsonl",
                "{\"step\": 1, \"mode\": \"train\", \"tensors\": {\"xgboost/train/labels\": [0, 1], "
                        + "\"xgboost/train/predictions\": [0, 1]}}",
                "{\"step\": 2, \"mode\": \"eval\", \"tensors\": {\"djl/eval/labels\": [0, 1]}}",
                "{\"step\": 3, \"mode\": \"eval\", \"tensors\": {\"djl/eval/labels\": [1, 0]}}");
        Result r = run("evaluate", in.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode frameworks = r.json().get("frameworks");
        assertEquals(2, frameworks.size(), frameworks.toString());
        assertEquals("xgboost", frameworks.get(0).asText());
        assertEquals("djl", frameworks.get(1).asText());
    }

    @Test
    void noIssueExitsWith0AndMispredictionExitsWith1() throws Exception {
        int[] labels = balanced(200);
        Path ok = file("ok.jsonl", line(1, "w0", labels, labels), line(2, "w1", labels, labels),
                line(3, "w0", labels, labels));
        Result r = run("evaluate", ok.toString());
        assertEquals(0, r.status(), r.err());
        assertFalse(r.json().get("triggered").asBoolean());
        assertEquals(600, r.json().get("samples_seen").asLong());

        int[] wrong = labels.clone();
        for (int i = 0; i < wrong.length; i++) {
            if (labels[i] == 3) {
                wrong[i] = 2;
            }
        }
        Path bad = file("bad.jsonl", line(1, "w0", labels, wrong), line(2, "w1", labels, wrong),
                line(3, "w7", labels, wrong));
        r = run("evaluate", bad.toString());
        assertEquals(1, r.status(), r.err());
        JsonNode json = r.json();
        assertEquals(3, json.get("finding").get("step").asLong());
        assertEquals("w7", json.get("finding").get("worker").asText());
        assertEquals("misprediction", json.get("finding").get("checks").get(0).asText());
        assertEquals(1.0, json.get("classes").get("3").get("misprediction_fraction").asDouble());
    }

    @Test
    void aMalformedLineIsADataErrorWithItsLineNumberAndTheRestIsEvaluated() throws Exception {
        int[] labels = balanced(300);
        Path in = file("malformed.jsonl", line(1, null, labels, labels), "{\"step\": 2, \"tensors\": {",
                "", line(4, null, labels, labels), "{\"step\": \"five\", \"tensors\": {}}",
                "{\"step\": 6, \"tensors\": {\"train/labels\": [[0, 1], [2]], \"train/predictions\": [0, 1]}}",
                line(7, null, new int[] {0, -1}, new int[] {0, 0}));
        Result r = run("evaluate", in.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode json = r.json();
        assertEquals(600, json.get("samples_seen").asLong(), "lines 1 and 4 counted");
        assertEquals(4, json.get("data_errors").asLong());
        JsonNode messages = json.get("data_error_messages");
        assertTrue(messages.get(0).asText().startsWith("line 2: malformed JSON: "), messages.get(0).asText());
        assertEquals("line 5: \"step\" must be an integer, got \"five\"", messages.get(1).asText());
        assertTrue(messages.get(2).asText().startsWith("line 6: tensor \"train/labels\": ragged array"),
                messages.get(2).asText());
        assertTrue(messages.get(3).asText().contains("class id -1 at index 1 is negative"), messages.get(3).asText());
        assertTrue(r.err().contains("4 data error(s) skipped; first: line 2: malformed JSON"), r.err());
        assertEquals(7, json.get("lines").asLong());
    }

    @Test
    void aBadOptionValueExitsWith2AndOneLineNamingIt() {
        Result r = run("evaluate", "--samples", "abc", "whatever.jsonl");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--samples: invalid value \"abc\": not an integer"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");

        r = run("evaluate", "--threshold-misprediction", "1.5", "x.jsonl");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--threshold-misprediction: invalid value \"1.5\": must be between 0 and 1"),
                r.err());

        r = run("evaluate", "--labels-regex", "([a-z", "x.jsonl");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--labels-regex: invalid value \"([a-z\": not a regular expression"), r.err());
    }

    @Test
    void anUnknownOptionOrMissingFileArgumentExitsWith2() {
        Result r = run("evaluate", "--tresholdd", "3", "x.jsonl");
        assertEquals(2, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--tresholdd"), r.err());

        r = run("evaluate");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("FILE"), r.err());

        r = run();
        assertEquals(2, r.status());
        assertTrue(r.err().contains("missing subcommand"), r.err());
    }

    @Test
    void anUnreadableFileExitsWith2() {
        Result r = run("evaluate", dir.resolve("missing.jsonl").toString());
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().contains("cannot read " + dir.resolve("missing.jsonl") + ": no such file"), r.err());
    }

    @Test
    void dashReadsStandardInput() throws Exception {
        byte[] input = (knownCaseLine() + "\n").getBytes(StandardCharsets.UTF_8);
        Result r = run(new ByteArrayInputStream(input), "evaluate", "--labels-regex=labels_0",
                "--predictions-regex=labels_0", "-");
        assertEquals(1, r.status(), r.err());
        assertEquals(99.0, r.json().get("ratio").asDouble());
        assertEquals("-", r.json().get("input").asText());
    }

    @Test
    void paramsFileSetsParametersAndTheCommandLineWins() throws Exception {
        Path params = file("rule.properties", "# ClassImbalance", "threshold_imbalance = 50",
                "samples=1000", "labels_regex=labels_0", "predictions_regex=labels_0", "num_classes=2");
        Path in = file("known.jsonl", knownCaseLine());
        Result r = run("evaluate", "--params", params.toString(), in.toString());
        assertEquals(1, r.status(), r.err()); // 99 > 50
        JsonNode p = r.json().get("parameters");
        assertEquals(50.0, p.get("threshold_imbalance").asDouble());
        assertEquals(1000, p.get("samples").asInt());
        assertEquals(2, p.get("num_classes").asInt());

        r = run("evaluate", "--threshold-imbalance", "100", "--params", params.toString(), in.toString());
        assertEquals(0, r.status(), r.err()); // 99 <= 100: the command line won
        assertEquals(100.0, r.json().get("parameters").get("threshold_imbalance").asDouble());
        assertEquals(1000, r.json().get("parameters").get("samples").asInt());
    }

    @Test
    void badParamsFileExitsWith2NamingTheFileAndEntry() throws Exception {
        Path params = file("bad.properties", "samples=lots");
        Result r = run("evaluate", "--params", params.toString(), "x.jsonl");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--params " + params + ": samples: invalid value \"lots\": not an integer"),
                r.err());
        Path unknown = file("unknown.properties", "treshold=3");
        r = run("evaluate", "--params", unknown.toString(), "x.jsonl");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("treshold: invalid value \"3\": unknown parameter"), r.err());
        r = run("evaluate", "--params", dir.resolve("nope.properties").toString(), "x.jsonl");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("nope.properties: cannot read: no such file"), r.err());
    }

    @Test
    void nothingMatchedIsSaidInTheReportAndHasItsOwnExitStatus() throws Exception {
        Path in = file("names.jsonl", "{\"step\": 1, \"tensors\": {\"y_true\": [0, 1], \"y_pred\": [0, 1]}}");
        Result r = run("evaluate", in.toString());
        assertEquals(3, r.status(), "a CI check with wrong regexes must not pass: " + r.err());
        assertTrue(r.err().contains("fix --labels-regex / --predictions-regex"), r.err());
        JsonNode json = r.json();
        assertTrue(json.get("nothing_matched").asBoolean());
        assertEquals(1, json.get("unmatched_records").asLong());
        assertEquals("y_true", json.get("tensor_names_seen").get(0).asText());
        assertTrue(json.get("summary").asText().contains("nothing matched"));
        assertTrue(r.err().contains("nothing matched"), r.err());
    }

    @Test
    void scoreVectorsWithoutArgmaxAreAConfigurationErrorWithExit2() throws Exception {
        Path in = file("scores.jsonl",
                "{\"step\": 1, \"tensors\": {\"labels\": [0, 1], \"predictions\": [[0.9, 0.1], [0.2, 0.8]]}}",
                "{\"step\": 2, \"tensors\": {\"labels\": [0, 1], \"predictions\": [[0.9, 0.1], [0.2, 0.8]]}}");
        Result r = run("evaluate", in.toString());
        assertEquals(2, r.status());
        assertTrue(r.json().get("configuration_error").asText().endsWith("set argmax=true"));
        assertEquals(2, r.json().get("configuration_error_records").asLong());
        long said = r.err().lines().filter(l -> l.contains("set argmax=true")).count();
        assertEquals(1, said, r.err());
        assertTrue(r.err().startsWith("skewguard-collector evaluate: configuration error: tensor \"predictions\": "
                + "predictions are score vectors over 2 classes"), r.err());
        assertEquals(0, run("evaluate", "--argmax", in.toString()).status());
        assertEquals(0, run("evaluate", "--argmax=true", in.toString()).status());
        assertEquals(2, run("evaluate", "--argmax", "false", in.toString()).status());
    }

    @Test
    void htmlWritesOneSelfContainedPageWithTheDataAndHistory() throws IOException {
        Path in = file("known.jsonl", knownCaseLine());
        Path html = dir.resolve("report.html");
        Result r = run("evaluate", "--html", html.toString(), in.toString());
        assertEquals(1, r.status(), r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("id=\"skewguard-data\""), "the data is embedded");
        assertTrue(page.contains("\"history\":{\"global\":{\"stride\":1,\"labels\":[1000]"), "one point");
        assertFalse(page.contains("src=\"assets/"), "nothing to fetch");
    }

    @Test
    void htmlIntoAMissingDirectoryIsOneLine() throws IOException {
        Path in = file("known.jsonl", knownCaseLine());
        Result r = run("evaluate", "--html", dir.resolve("no/such/dir/report.html").toString(), in.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("cannot write --html") && r.err().contains("its directory does not exist"),
                r.err());
    }
}
