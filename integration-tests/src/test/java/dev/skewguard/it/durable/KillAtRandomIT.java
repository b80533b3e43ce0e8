package dev.skewguard.it.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.it.plain.PlainExample;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import dev.skewguard.it.support.Reports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash loop under a job: three workers train while the collector (a separate process with --state-dir) is not yet
 * up when the first of them captures its first batches, then is killed with SIGKILL at random moments and restarted
 * on the same port after random outages. Every worker reconnects each time and the final report counts exactly what
 * each program trained, worker by worker. The schedule is drawn from a seed the test prints
 * ({@code -Dskewguard.it.killSeed=N} replays one).
 */
class KillAtRandomIT {
    private static final int WORKERS = 3;
    private static final int KILLS = 4;

    @TempDir
    Path dir;

    @Test
    void everyWorkerReconnectsAfterEachKillAndIsCountedExactly() throws Exception {
        long seed = Long.getLong("skewguard.it.killSeed", System.nanoTime());
        Random random = new Random(seed);
        StringBuilder schedule = new StringBuilder("KillAtRandomIT seed " + seed + " (-Dskewguard.it.killSeed="
                + seed + " replays it):");
        Path reports = dir.resolve("reports");
        String job = "crash-loop";
        try (CollectorProcess collector = new CollectorProcess(List.of("--state-dir", dir.resolve("state").toString(),
                "--report-dir", reports.toString(), "--argmax"))) {
            List<ChildJvm.Running> workers = new ArrayList<>();
            try {
                for (int i = 0; i < WORKERS; i++) {
                    workers.add(ChildJvm.on(Jdk.current())
                            .agent("endpoint=" + collector.endpoint() + ",job=" + job + ",worker=w" + i
                                    + ",flush_timeout=30,methods=" + PlainExample.METHODS)
                            .jar(ItPaths.plainJar()).args("--epochs", "30", "--batch-delay-ms", "10").start());
                }
                // The first worker's first connection is refused: it has trained an epoch before anything listens.
                workers.get(0).awaitStdout(line -> line.startsWith("epoch 1:"), Duration.ofSeconds(60));
                long down = random.nextInt(2_000);
                schedule.append(" first start after ").append(down).append(" ms;");
                Thread.sleep(down);
                collector.start();
                // Every worker connected, then the kills land anywhere: in the streams, between them, in the exit
                // flushes.
                CollectorProcess.awaitReportFile(reports.resolve(job + ".json"),
                        rep -> rep.path("workers").size() == WORKERS, Duration.ofSeconds(30));
                for (int kill = 0; kill < KILLS; kill++) {
                    long up = 300 + random.nextInt(1_500);
                    down = 200 + random.nextInt(2_500);
                    schedule.append(" up ").append(up).append(" ms, killed, down ").append(down).append(" ms;");
                    Thread.sleep(up);
                    collector.kill();
                    Thread.sleep(down);
                    collector.start();
                }
                System.out.println(schedule);

                List<ChildResult> results = new ArrayList<>();
                for (ChildJvm.Running worker : workers) {
                    results.add(worker.awaitExit(Duration.ofSeconds(60)));
                }
                String agents = "\n" + schedule + "\n=== workers\n" + String.join("\n",
                        results.stream().map(ChildResult::describe).toList());
                JsonNode report;
                try {
                    report = CollectorProcess.awaitReportFile(reports.resolve(job + ".json"),
                            rep -> Reports.allSaidGoodbye(rep) && rep.path("workers").size() == WORKERS,
                            Duration.ofSeconds(30));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + collector.earlierRuns() + agents, e);
                }
                Map<Integer, Long> train = new HashMap<>();
                Map<Integer, Long> eval = new HashMap<>();
                long batches = 0;
                for (int i = 0; i < WORKERS; i++) {
                    ChildResult r = results.get(i);
                    assertEquals(0, r.exitCode(), r.describe());
                    long trained = PlainExample.batches(r, "train") + PlainExample.batches(r, "eval");
                    assertEquals(trained, countedFor(report, "w" + i),
                            "worker w" + i + ": what it trained is what was counted: " + report + agents);
                    assertTrue(r.stderr().contains("[skewguard] INFO connection to the collector lost"),
                            "worker w" + i + " lost its connection at a kill" + agents);
                    assertTrue(r.stderr().contains("[skewguard] INFO reconnected to the collector at "
                            + collector.endpoint()), "worker w" + i + " reconnected" + agents);
                    assertTrue(r.stderr().lines().noneMatch(l -> l.contains("not confirmed")),
                            "worker w" + i + " left nothing unconfirmed" + agents);
                    PlainExample.labels(r, "train").forEach((k, v) -> train.merge(k, v, Long::sum));
                    PlainExample.labels(r, "eval").forEach((k, v) -> eval.merge(k, v, Long::sum));
                    batches += trained;
                }
                // The first worker missed the collector once, and said so, then connected.
                String first = results.get(0).stderr();
                assertTrue(first.contains("collector at " + collector.endpoint() + " unreachable")
                        && first.contains("[skewguard] INFO connected to the collector at " + collector.endpoint()),
                        "the first worker's first connection was refused, then it connected" + agents);
                assertEquals(train, Reports.classCounts(report, "train"), report.toString());
                assertEquals(eval, Reports.classCounts(report, "eval"), report.toString());
                assertEquals(batches, Reports.batchesCounted(report), report.toString());
                assertEquals(0, Reports.droppedBatches(report), report.toString());
                assertEquals(false, report.path("collector_lost_state").asBoolean(), report.toString());
            } finally {
                workers.forEach(ChildJvm.Running::close);
            }
        }
    }

    /** The batches the report counted for one worker, over all its instances. */
    private static long countedFor(JsonNode report, String worker) {
        long counted = 0;
        for (JsonNode w : report.path("workers")) {
            if (worker.equals(w.path("worker_id").asText())) {
                counted += w.path("batches_counted").asLong();
            }
        }
        return counted;
    }
}
