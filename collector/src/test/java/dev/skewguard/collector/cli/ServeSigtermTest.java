package dev.skewguard.collector.cli;

import static dev.skewguard.collector.server.TestAgent.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.server.TestAgent;
import io.grpc.Status;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} in its own JVM, stopped with SIGTERM: streams closed with a status, final report, quick exit. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeSigtermTest {
    private static final Pattern LISTENING = Pattern.compile("collector listening on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void sigtermWritesFinalReportsClosesStreamsAndExitsQuickly(@TempDir Path reports) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CollectorMain.class.getName(), "serve", "--port", "0", "--quiet",
                "--report-dir", reports.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int port = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = output.readLine()) != null; ) {
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            return Integer.parseInt(m.group(1));
                        }
                    }
                    throw new AssertionError("serve ended without listening");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(30, TimeUnit.SECONDS);
            try (TestAgent agent = TestAgent.connect(port)) {
                agent.hello("job", "w0", "i0");
                agent.batch(1, repeat(2, 11), repeat(2, 11));
                agent.awaitAck(1);

                long signalled = System.nanoTime();
                process.destroy(); // SIGTERM
                assertTrue(process.waitFor(10, TimeUnit.SECONDS), "serve exits within a few seconds of SIGTERM");
                assertTrue(System.nanoTime() - signalled < TimeUnit.SECONDS.toNanos(6));
                assertEquals(Status.Code.UNAVAILABLE, agent.awaitEnd().getCode());
            }
            String report = Files.readString(reports.resolve("job.json"));
            assertTrue(report.contains("\"samples_seen\" : 11"), report);
            assertTrue(report.contains("\"connected_workers\" : 0"), report);
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
