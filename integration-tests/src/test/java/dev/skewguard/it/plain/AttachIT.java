package dev.skewguard.it.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.tools.attach.VirtualMachine;
import dev.skewguard.collector.options.Action;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import dev.skewguard.it.support.Reports;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The agent attached to a JVM that is already training (agentmain): the methods it names are retransformed, and
 * the batches after the attach are captured and counted, never more than the program ran.
 */
class AttachIT {
    @Test
    void attachedToARunningJvmTheAgentCapturesTheRestOfTheRun() throws Exception {
        String job = "plain-attach";
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG);
             ChildJvm.Running app = ChildJvm.on(Jdk.current()).jar(ItPaths.plainJar())
                     .args("--classes", "3", "--epochs", "12", "--batch-delay-ms", "10").start()) {
            app.awaitStdout(line -> line.startsWith("data: "), Duration.ofSeconds(60));

            VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
            try {
                vm.loadAgent(ItPaths.agentJar().toString(), "endpoint=" + collector.endpoint() + ",job=" + job
                        + ",flush_timeout=30,methods=" + PlainExample.METHODS);
            } finally {
                vm.detach();
            }
            ChildResult r = app.awaitExit(Duration.ofSeconds(120));

            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.agentWarnings().isEmpty(), r.describe());
            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, Duration.ofSeconds(30),
                    r.describe());
            long ran = PlainExample.batches(r, "train") + PlainExample.batches(r, "eval");
            long counted = Reports.batchesCounted(report);
            assertTrue(counted > 0 && counted <= ran, "counted " + counted + " of " + ran + " batches: " + report);
            Map<Integer, Long> printed = PlainExample.labels(r, "train");
            Reports.classCounts(report, "train").forEach((label, count) -> assertTrue(count <= printed.get(label),
                    "class " + label + ": counted " + count + " > ran " + printed.get(label)));
            assertEquals(0, Reports.droppedBatches(report), report.toString());
        }
    }
}
