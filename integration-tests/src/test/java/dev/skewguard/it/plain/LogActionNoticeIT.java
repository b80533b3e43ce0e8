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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A collector with --action log whose rule fires and holds over its patience: the training's own console shows it, in
 * one line the agent prints once (the collector's Notice, with the decision's summary), and the training completes.
 */
class LogActionNoticeIT {
    private static final String NOTICE = "[skewguard] WARN the collector's rule fired for this job: ";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.skewguard.it.support.Jdk#all")
    void theFindingReachesTheTrainingsStandardErrorOnceAndTrainingCompletes(Jdk jdk) throws Exception {
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            String job = "log-notice-" + jdk.toString().replace(' ', '-');
            ChildResult r = ChildJvm.on(jdk)
                    .agent("endpoint=" + collector.endpoint() + ",job=" + job + ",flush_timeout=30,methods="
                            + PlainExample.METHODS)
                    .jar(ItPaths.plainJar())
                    .args("--classes", "2", "--minority-fraction", "0.01", "--batch-delay-ms", "2", "--epochs", "4")
                    .run(Duration.ofSeconds(120));

            assertEquals(0, r.exitCode(), "--action log never stops the training: " + r.describe());
            assertTrue(r.stdout().contains("result: "), r.describe());
            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, Duration.ofSeconds(20),
                    r.describe());
            assertTrue(report.path("triggered").asBoolean(), report.toPrettyString());
            assertFalse(report.path("stopped").asBoolean(), report.toPrettyString());
            JsonNode decision = report.path("stop_decision");
            assertTrue(decision.path("decided").asBoolean(), "the imbalance held over its patience: "
                    + report.toPrettyString());

            List<String> notices = r.stderrLines().stream().filter(l -> l.startsWith(NOTICE)).toList();
            assertEquals(1, notices.size(), "one line, once: " + r.describe());
            assertEquals(NOTICE + decision.path("summary").asText() + " (the collector only reports it, --action "
                    + "log: training continues)", notices.get(0),
                    "the decision's summary, as the report has it (the Notice goes out when a Stop would)");
            assertTrue(r.stderrLines().stream().noneMatch(l -> l.contains("STOP requested")), r.describe());
        }
    }
}
