package dev.skewguard.collector.cli;

import static dev.skewguard.collector.server.TestAgent.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.collector.server.TestAgent;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} in its own JVM, stopped with SIGTERM: streams closed with a status, final report, a last line that says
 * what was counted and written, quick exit with the verdict's status (0 or 1, as docs/collector.md's table says).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeSigtermTest {
    private static final Pattern LISTENING = Pattern.compile("collector listening on 127\\.0\\.0\\.1:(\\d+)");

    private static final Pattern LINE =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z (INFO |WARN |ERROR) \\S.*");

    @Test
    void sigtermWritesFinalReportsClosesStreamsSaysALastLineAndExitsWithTheVerdict(@TempDir Path reports)
            throws Exception {
        Run run = sigterm(reports, TestAgent.repeat(2, 11));
        assertEquals(0, run.status, "no issue found: exit status 0, not 143\n" + run.output);
        String report = Files.readString(reports.resolve("job.json"));
        ReportSchema.validated(report);
        assertTrue(report.contains("\"samples_seen\" : 11"), report);
        assertTrue(report.contains("\"connected_workers\" : 0"), report);
        assertTrue(run.lastLine().endsWith("INFO  stopped by a signal (SIGTERM or Ctrl-C): 1 job, 1 batch and 11 "
                + "labels counted, 0 triggered; 1 report written to " + reports + "; exit status 0"), run.output);
        for (String line : run.output.strip().split("\n")) {
            assertTrue(LINE.matcher(line).matches(), "timestamp and level: " + line);
        }
    }

    @Test
    void sigtermAfterATriggerExitsOne(@TempDir Path reports) throws Exception {
        Run run = sigterm(reports, ServeCommandTest.SKEWED);
        assertEquals(1, run.status, run.output);
        assertTrue(run.lastLine().contains("1 triggered; 1 report written to ") && run.lastLine().endsWith(
                "; exit status 1"), run.output);
    }

    private record Run(int status, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    /** Starts serve in its own JVM, counts one batch of {@code labels}, sends SIGTERM; returns how it ended. */
    private static Run sigterm(Path reports, int[] labels) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = reports.resolve("serve.log");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CollectorMain.class.getName(), "serve", "--port", "0", "--quiet",
                "--report-dir", reports.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            int port = awaitPort(log, process);
            try (TestAgent agent = TestAgent.connect(port)) {
                agent.hello("job", "w0", "i0");
                agent.batch(1, labels, labels);
                agent.awaitAck(1);

                long signalled = System.nanoTime();
                process.destroy(); // SIGTERM
                assertTrue(process.waitFor(10, TimeUnit.SECONDS), "serve exits within a few seconds of SIGTERM");
                assertTrue(System.nanoTime() - signalled < TimeUnit.SECONDS.toNanos(6));
                assertEquals(Status.Code.UNAVAILABLE, agent.awaitEnd().getCode());
            }
            return new Run(process.exitValue(), Files.readString(log));
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int awaitPort(Path log, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - deadline < 0) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("serve did not say where it listens: " + Files.readString(log));
    }
}
