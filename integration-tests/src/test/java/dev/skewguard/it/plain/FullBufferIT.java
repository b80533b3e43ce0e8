package dev.skewguard.it.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import dev.skewguard.it.support.LoopbackProxy;
import dev.skewguard.it.support.Reports;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A tiny buffer (2 batches) and a collector out of reach while the loop runs: the agent drops the newest batches
 * and counts them, the training is not slowed or changed, and after the connection returns (during the exit flush)
 * the collector's report shows the drops; counted + dropped is exactly what the program produced. The training's
 * console says when the drops start (once) and, at exit, how many there were.
 */
class FullBufferIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.skewguard.it.support.Jdk#all")
    void dropsAreCountedAndReported(Jdk jdk) throws Exception {
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG);
             LoopbackProxy proxy = LoopbackProxy.to(collector.port())) {
            String job = "full-buffer-" + jdk.toString().replace(' ', '-');
            ChildResult r;
            try (ChildJvm.Running child = ChildJvm.on(jdk)
                    .agent("endpoint=" + proxy.endpoint() + ",job=" + job + ",buffer=2,flush_timeout=30,methods="
                            + PlainExample.METHODS)
                    .jar(ItPaths.plainJar()).args("--epochs", "30", "--batch-delay-ms", "4")
                    .start()) {
                collector.awaitReport(job, rep -> Reports.batchesCounted(rep) >= 1, Duration.ofSeconds(60));
                proxy.cut();
                child.awaitStdout(line -> line.startsWith("result: "), Duration.ofSeconds(60));
                proxy.restore();
                r = child.awaitExit(Duration.ofSeconds(60));
            }
            assertEquals(0, r.exitCode(), r.describe());
            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, Duration.ofSeconds(20),
                    r.describe());
            long produced = PlainExample.batches(r, "train") + PlainExample.batches(r, "eval");
            long dropped = Reports.droppedBatches(report);
            assertTrue(dropped > 0, report.toPrettyString());
            assertEquals(produced, Reports.batchesCounted(report) + dropped, report.toPrettyString());
            assertEquals(0, report.path("unsent_batches").asLong(), report.toPrettyString());
            // The training's own console: one line when the drops start, the total and the summary at exit.
            assertEquals(List.of("[skewguard] WARN dropping captured batches: the buffer (buffer=2) is full: the"
                    + " collector is not taking them fast enough or is unreachable; training goes on and the drops"
                    + " are counted (raise buffer, or set block_when_full=true to wait for room instead)"),
                    r.agentWarnings().stream().filter(l -> l.contains("dropping")).toList(), r.describe());
            assertTrue(r.stderrLines().contains("[skewguard] INFO exit: " + dropped + " captured batches were dropped"
                    + " because the buffer (buffer=2) was full"), r.describe());
            assertTrue(r.stderrLines().contains("[skewguard] INFO exit: methods: " + produced + " batches captured, "
                    + (produced - dropped) + " sent, " + (produced - dropped) + " counted by the collector, " + dropped
                    + " dropped"), r.describe());
        }
    }
}
