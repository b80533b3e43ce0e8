package dev.skewguard.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.report.ReportSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code java -jar skewguard-collector.jar evaluate} in a child JVM, on the shaded jar the build produced. */
@Timeout(120)
class EvaluateJarIT {
    private static final Path JAR = Path.of(System.getProperty("skewguard.collector.jar",
            "target/skewguard-collector.jar"));

    record Result(int status, String out, String err) {
    }

    private static Result java(String stdin, String... args) throws Exception {
        assertTrue(Files.isRegularFile(JAR), "shaded jar not built: " + JAR);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("java -jar evaluate did not finish in 60 s");
        }
        return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void knownCaseFromStandardInputExitsWith1() throws Exception {
        List<String> values = new ArrayList<>(Collections.nCopies(990, "0"));
        values.addAll(Collections.nCopies(10, "1"));
        String line = "{\"step\": 3, \"tensors\": {\"labels_0\": [" + String.join(",", values) + "]}}\n";
        Result r = java(line, "evaluate", "--labels-regex", "labels_0", "--predictions-regex", "labels_0", "-");
        assertEquals(1, r.status(), r.err());
        JsonNode json = ReportSchema.validated(r.out());
        assertTrue(json.get("triggered").asBoolean());
        assertEquals(3, json.get("finding").get("step").asLong());
        assertEquals(99.0, json.get("finding").get("ratio").asDouble());
    }

    @Test
    void badOptionExitsWith2WithOneLineAndNoStackTrace() throws Exception {
        Result r = java("", "evaluate", "--window", "-5", "-");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--window: invalid value \"-5\": must not be negative"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void serveLinesCarryTimestampAndLevelOnStandardErrorOnly() throws Exception {
        Result r = java("", "serve", "--port", "0", "--exit-when-done", "--idle-timeout", "1");
        assertEquals(4, r.status(), r.err());
        assertEquals("", r.out(), "standard output carries nothing");
        List<String> lines = r.err().strip().lines().toList();
        assertTrue(lines.size() >= 3, r.err());
        for (String line : lines) {
            assertTrue(line.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z (INFO |WARN |ERROR) \\S.*"),
                    "timestamp and level: " + line);
        }
        assertTrue(lines.get(0).contains("INFO  collector listening on 127.0.0.1:"), r.err());
        assertTrue(r.err().contains("ERROR no agent connected within 1 s (--idle-timeout)"), r.err());
        assertTrue(lines.get(lines.size() - 1).contains("INFO  exiting: 0 jobs"), r.err());
    }
}
