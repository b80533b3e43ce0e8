package dev.skewguard.it.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The collector stops answering (its connection stays open, nothing passes) while the program still trains: at
 * exit the agent says how many captured batches the collector did not confirm and why, in one warning, and the exit
 * summary adds up: captured = counted + dropped + not confirmed.
 */
class CollectorFrozenAtExitIT {

    @Test
    void batchesTheFrozenCollectorNeverConfirmedAreNamedAtExit() throws Exception {
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG);
             LoopbackProxy proxy = LoopbackProxy.to(collector.port())) {
            String job = "frozen-at-exit";
            ChildResult r;
            try (ChildJvm.Running child = ChildJvm.on(Jdk.current())
                    .agent("endpoint=" + proxy.endpoint() + ",job=" + job + ",flush_timeout=1,methods="
                            + PlainExample.METHODS)
                    .jar(ItPaths.plainJar()).args("--epochs", "10", "--batch-delay-ms", "5")
                    .start()) {
                collector.awaitReport(job, rep -> Reports.batchesCounted(rep) >= 1, Duration.ofSeconds(60));
                proxy.freeze();
                r = child.awaitExit(Duration.ofSeconds(60));
            }
            assertEquals(0, r.exitCode(), r.describe());
            List<String> warnings = r.agentWarnings();
            assertEquals(1, warnings.size(), r.describe());
            Matcher lost = Pattern.compile("^\\[skewguard] WARN exit: (\\d+) captured batches were not confirmed by"
                    + " the collector: (.*)$").matcher(warnings.get(0));
            assertTrue(lost.matches(), r.describe());
            assertTrue(lost.group(2).contains("the collector at " + proxy.endpoint()) && lost.group(2).contains(
                    "flush_timeout=1 s ran out") && lost.group(2).endsWith("check the collector)"), lost.group(2));

            Matcher summary = Pattern.compile("^\\[skewguard] INFO exit: methods: (\\d+) batches captured, (\\d+)"
                    + " sent, (\\d+) counted by the collector, (\\d+) dropped$").matcher(r.stderrLines().stream()
                    .filter(l -> l.startsWith("[skewguard] INFO exit: methods: ")).findFirst().orElse(""));
            assertTrue(summary.matches(), r.describe());
            long produced = PlainExample.batches(r, "train") + PlainExample.batches(r, "eval");
            long captured = Long.parseLong(summary.group(1));
            long counted = Long.parseLong(summary.group(3));
            long dropped = Long.parseLong(summary.group(4));
            long unconfirmed = Long.parseLong(lost.group(1));
            assertEquals(produced, captured, r.describe());
            // (counted may be 0: the collector's first Ack can still be on its way when the proxy freezes)
            assertTrue(unconfirmed > 0, r.describe());
            assertEquals(captured, counted + dropped + unconfirmed, r.describe());
        }
    }
}
