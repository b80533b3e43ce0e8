package dev.skewguard.it.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.it.plain.PlainExample;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import dev.skewguard.it.support.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector (the shaded jar, a separate process) is killed with SIGKILL at random moments of real agents'
 * streams and restarted on the same port: with --state-dir every batch is counted exactly once; without, it counts
 * what arrives after the restart, says it lost state, and keeps the earlier report file.
 */
class DurableCollectorIT {
    @TempDir
    Path dir;

    @Test
    void withAStateDirEveryBatchCountsExactlyOnceAcrossKillNines() throws Exception {
        Path reports = dir.resolve("reports");
        try (CollectorProcess collector = new CollectorProcess(List.of("--state-dir", dir.resolve("state").toString(),
                "--report-dir", reports.toString(), "--argmax"))) {
            collector.start();
            String job = "durable";
            List<ChildJvm.Running> agents = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    agents.add(ChildJvm.on(Jdk.current())
                            .agent("endpoint=" + collector.endpoint() + ",job=" + job + ",worker=w" + i
                                    + ",flush_timeout=60,methods=" + PlainExample.METHODS)
                            .jar(ItPaths.plainJar()).args("--epochs", "24", "--batch-delay-ms", "4").start());
                }
                // Both agents stream before the first kill (a worker whose first connection is refused is
                // KillAtRandomIT's); then the kills land anywhere in their streams, their exit flushes included.
                CollectorProcess.awaitReportFile(reports.resolve(job + ".json"),
                        rep -> rep.path("workers").size() == 2, Duration.ofSeconds(30));
                Random random = new Random();
                for (int kill = 0; kill < 3; kill++) {
                    Thread.sleep(200 + random.nextInt(800));
                    collector.kill();
                    Thread.sleep(random.nextInt(300));
                    collector.start();
                }
                List<ChildResult> results = new ArrayList<>();
                for (ChildJvm.Running agent : agents) {
                    results.add(agent.awaitExit(Duration.ofSeconds(90)));
                }
                Map<Integer, Long> train = new HashMap<>();
                Map<Integer, Long> eval = new HashMap<>();
                long batches = 0;
                for (ChildResult r : results) {
                    assertEquals(0, r.exitCode(), r.describe());
                    PlainExample.labels(r, "train").forEach((k, v) -> train.merge(k, v, Long::sum));
                    PlainExample.labels(r, "eval").forEach((k, v) -> eval.merge(k, v, Long::sum));
                    batches += PlainExample.batches(r, "train") + PlainExample.batches(r, "eval");
                }
                long expected = batches;
                JsonNode report;
                try {
                    report = CollectorProcess.awaitReportFile(reports.resolve(job + ".json"),
                            rep -> Reports.allSaidGoodbye(rep) && rep.path("workers").size() == 2,
                            Duration.ofSeconds(30));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + collector.earlierRuns() + "\n=== agents\n"
                            + results.get(0).describe() + "\n" + results.get(1).describe(), e);
                }
                assertEquals(train, Reports.classCounts(report, "train"), report.toString());
                assertEquals(eval, Reports.classCounts(report, "eval"), report.toString());
                assertEquals(expected, Reports.batchesCounted(report), report.toString());
                assertEquals(0, Reports.droppedBatches(report), report.toString());
                assertEquals(false, report.path("collector_lost_state").asBoolean(), report.toString());
            } finally {
                agents.forEach(ChildJvm.Running::close);
            }
        }
    }

    @Test
    void withoutAStateDirTheRestartedCollectorCountsWhatArrivesAndSaysItLostState() throws Exception {
        Path reports = dir.resolve("reports");
        try (CollectorProcess collector = new CollectorProcess(List.of("--report-dir", reports.toString(),
                "--argmax"))) {
            collector.start();
            String job = "stateless";
            Path file = reports.resolve(job + ".json");
            ChildResult r;
            try (ChildJvm.Running agent = ChildJvm.on(Jdk.current())
                    .agent("endpoint=" + collector.endpoint() + ",job=" + job + ",flush_timeout=60,methods="
                            + PlainExample.METHODS)
                    .jar(ItPaths.plainJar()).args("--epochs", "12", "--batch-delay-ms", "5").start()) {
                CollectorProcess.awaitReportFile(file, rep -> Reports.batchesCounted(rep) >= 50,
                        Duration.ofSeconds(60));
                collector.kill();
                collector.start();
                r = agent.awaitExit(Duration.ofSeconds(90));
            }
            assertEquals(0, r.exitCode(), r.describe());
            JsonNode report = CollectorProcess.awaitReportFile(file, Reports::allSaidGoodbye, Duration.ofSeconds(30));
            assertTrue(report.path("collector_lost_state").asBoolean(), report.toString());
            JsonNode worker = report.path("workers").get(0);
            long first = worker.path("first_counted_sequence").asLong();
            assertTrue(first > 1, report.toString());
            assertEquals(worker.path("last_counted_sequence").asLong() - first + 1, Reports.batchesCounted(report),
                    "every batch from where the instance resumed is counted: " + report);
            assertEquals(0, report.path("rejected_streams").asLong(), report.toString());
            try (Stream<Path> files = Files.list(reports)) {
                List<Path> earlier = files.filter(p -> p.getFileName().toString().startsWith(job + ".earlier-"))
                        .toList();
                assertEquals(1, earlier.size(), "the earlier report is kept: " + earlier);
                JsonNode kept = ReportSchema.validated(Files.readString(earlier.get(0)));
                assertTrue(Reports.batchesCounted(kept) >= 50, kept.toString());
            }
        }
    }
}
