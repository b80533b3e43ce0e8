package dev.skewguard.it.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import dev.skewguard.it.support.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plain loop captured through {@code methods}: the collector counts exactly what the program produced, and the
 * agent's exit summary says so.
 */
class PlainCaptureIT {
    private static final Duration RUN = Duration.ofSeconds(90);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.skewguard.it.support.Jdk#all")
    void collectorCountsExactlyWhatTheLoopProducedAndResultsAreUnchanged(Jdk jdk) throws Exception {
        String[] args = {"--classes", "3", "--epochs", "3"};
        ChildResult without = ChildJvm.on(jdk).jar(ItPaths.plainJar()).args(args).run(RUN);
        assertEquals(0, without.exitCode(), without.describe());

        Path classLog = Files.createTempFile("plain-capture-classes", ".log");
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            String job = "plain-capture-" + jdk.toString().replace(' ', '-');
            ChildResult with = ChildJvm.on(jdk)
                    .agent("endpoint=" + collector.endpoint() + ",job=" + job + ",flush_timeout=30,debug=true,"
                            + "methods=" + PlainExample.METHODS)
                    .jvmArg("-Xlog:class+load=info:file=" + classLog)
                    .jar(ItPaths.plainJar()).args(args).run(RUN);
            assertEquals(0, with.exitCode(), with.describe());
            // A plaintext channel makes no TLS context: the JDK never read its trust store in this JVM.
            String classes = Files.readString(classLog);
            assertTrue(classes.contains("dev.skewguard.agent.export.Exporter"), "no class-load log: " + classLog);
            assertFalse(classes.contains("sun.security.ssl.TrustStoreManager"),
                    "the agent's plaintext channel made the JDK's default TLS context (it read the trust store)");
            // The agent's classes come from the bootstrap class path, the transport from its own loader (below: every
            // batch reached the collector through it).
            assertTrue(with.stderr().contains("agent classes on the bootstrap class path"), with.describe());
            assertEquals(without.stdoutLines(), with.stdoutLines(),
                    "training output (results included) must be identical with the agent");
            assertTrue(with.agentWarnings().isEmpty(), with.describe());

            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, Duration.ofSeconds(10),
                    with.describe());
            assertEquals(PlainExample.labels(with, "train"), Reports.classCounts(report, "train"), report.toString());
            assertEquals(PlainExample.labels(with, "eval"), Reports.classCounts(report, "eval"), report.toString());
            assertEquals(PlainExample.batches(with, "train") + PlainExample.batches(with, "eval"),
                    Reports.batchesCounted(report), report.toString());
            assertEquals(0, Reports.droppedBatches(report), report.toString());
            assertEquals(List.of("methods"), Reports.frameworks(report), "what was captured: " + report);
            assertFalse(report.path("timestamps").path("started").isNull(), report.toString());
            long batches = PlainExample.batches(with, "train") + PlainExample.batches(with, "eval");
            assertTrue(with.stderrLines().contains("[skewguard] INFO exit: methods: " + batches + " batches captured, "
                    + batches + " sent, " + batches + " counted by the collector, 0 dropped"), with.describe());
        } finally {
            Files.deleteIfExists(classLog);
        }
    }
}
