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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The connection to the collector is cut in the middle of the run and restored: the agent resends what was not
 * acknowledged and the collector ends with exactly the program's counts (no loss, no double count).
 */
class ReconnectIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.skewguard.it.support.Jdk#all")
    void countsAreExactAfterACutAndRestoredConnection(Jdk jdk) throws Exception {
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG);
             LoopbackProxy proxy = LoopbackProxy.to(collector.port())) {
            String job = "reconnect-" + jdk.toString().replace(' ', '-');
            ChildResult r;
            try (ChildJvm.Running child = ChildJvm.on(jdk)
                    .agent("endpoint=" + proxy.endpoint() + ",job=" + job + ",flush_timeout=30,methods="
                            + PlainExample.METHODS)
                    .jar(ItPaths.plainJar()).args("--epochs", "15", "--batch-delay-ms", "10")
                    .start()) {
                collector.awaitReport(job, rep -> Reports.batchesCounted(rep) >= 20, Duration.ofSeconds(60));
                child.awaitStdout(line -> line.startsWith("epoch 2:"), Duration.ofSeconds(60));
                assertTrue(child.isAlive(), "the loop still runs when the connection is cut");
                proxy.cut();
                long countedAtCut = Reports.batchesCounted(collector.report(job).orElseThrow());
                Thread.sleep(600);
                proxy.restore();
                r = child.awaitExit(Duration.ofSeconds(120));
                assertTrue(countedAtCut < PlainExample.batches(r, "train") + PlainExample.batches(r, "eval"),
                        "the cut happened before the end: " + countedAtCut);
            }
            assertEquals(0, r.exitCode(), r.describe());
            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, Duration.ofSeconds(20),
                    r.describe());
            assertEquals(PlainExample.labels(r, "train"), Reports.classCounts(report, "train"), report.toString());
            assertEquals(PlainExample.labels(r, "eval"), Reports.classCounts(report, "eval"), report.toString());
            assertEquals(PlainExample.batches(r, "train") + PlainExample.batches(r, "eval"),
                    Reports.batchesCounted(report), report.toString());
            assertEquals(0, Reports.droppedBatches(report), report.toString());
            assertTrue(r.stderr().contains("connection to the collector lost"), r.describe());
        }
    }
}
