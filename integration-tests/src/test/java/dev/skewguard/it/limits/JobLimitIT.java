package dev.skewguard.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.Limits;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.it.plain.PlainExample;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import dev.skewguard.it.support.Reports;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A collector at its job limit (--max-jobs 1) refuses the Hello of a second job with RESOURCE_EXHAUSTED: that agent
 * says so in one line, keeps its batches and retries, and once the first job has ended every batch of the second is
 * counted; nothing is dropped.
 */
class JobLimitIT {

    @Test
    void anAgentRefusedAtTheJobLimitKeepsItsBatchesAndGetsInLater() throws Exception {
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG, RuleParameters.DEFAULTS,
                b -> b.limits(Limits.DEFAULTS.withMaxJobs(1)))) {
            String agentArgs = ",flush_timeout=60,methods=" + PlainExample.METHODS + ",endpoint="
                    + collector.endpoint();
            try (ChildJvm.Running first = ChildJvm.on(Jdk.current()).agent("job=first" + agentArgs)
                    .jar(ItPaths.plainJar()).args("--epochs", "60", "--batch-delay-ms", "4").start()) {
                collector.awaitReport("first", rep -> Reports.batchesCounted(rep) >= 1, Duration.ofSeconds(60));
                ChildResult second = ChildJvm.on(Jdk.current()).agent("job=second" + agentArgs)
                        .jar(ItPaths.plainJar()).args("--epochs", "2").run(Duration.ofSeconds(120));
                ChildResult firstResult = first.awaitExit(Duration.ofSeconds(120));
                assertEquals(0, firstResult.exitCode(), firstResult.describe());
                assertEquals(0, second.exitCode(), second.describe());

                List<String> refused = second.stderrLines().stream()
                        .filter(l -> l.startsWith("[skewguard] WARN the collector is at one of its limits ("
                                + "RESOURCE_EXHAUSTED")).toList();
                assertEquals(1, refused.size(), "one line, whatever the retries: " + second.describe());
                assertTrue(refused.get(0).contains("--max-jobs 1"), refused.get(0));

                JsonNode report = collector.awaitReport("second", Reports::allSaidGoodbye, Duration.ofSeconds(60),
                        second.describe());
                assertEquals(PlainExample.batches(second, "train") + PlainExample.batches(second, "eval"),
                        Reports.batchesCounted(report), "every batch counted once it got in: " + report);
                assertEquals(0, Reports.droppedBatches(report), report.toPrettyString());
            }
        }
    }
}
