package dev.skewguard.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.it.apps.UnreadableValuesApp;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import dev.skewguard.it.support.Reports;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Advice meets values it cannot read (an unsupported type, null, a List that throws when read): the application
 * runs exactly as without the agent, the errors are counted (one warning line, the count at exit), and the readable
 * step is still captured.
 */
class AdviceErrorIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.skewguard.it.support.Jdk#all")
    void unreadableValuesLeaveTheApplicationUndisturbedAndAreCounted(Jdk jdk) throws Exception {
        String cp = ItPaths.testClasses().toString();
        ChildResult without = ChildJvm.on(jdk).main(cp, UnreadableValuesApp.class.getName())
                .run(Duration.ofSeconds(60));
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            String job = "advice-errors-" + jdk.toString().replace(' ', '-');
            ChildResult with = ChildJvm.on(jdk)
                    .agent("endpoint=" + collector.endpoint() + ",job=" + job + ",flush_timeout=30")
                    .systemProperty("skewguard.methods", UnreadableValuesApp.METHODS)
                    .main(cp, UnreadableValuesApp.class.getName())
                    .run(Duration.ofSeconds(60));

            assertEquals(0, without.exitCode(), without.describe());
            assertEquals(0, with.exitCode(), with.describe());
            assertEquals(without.stdoutLines(), with.stdoutLines());

            List<String> warnings = with.agentWarnings();
            assertEquals(1, warnings.size(), with.describe());
            assertTrue(warnings.get(0).contains("instrumentation methods: "), warnings.get(0));
            int errors = 3 * UnreadableValuesApp.ROUNDS;
            assertTrue(with.stderrLines().contains("[skewguard] INFO advice errors: " + errors
                    + " (the application was not affected)"), with.describe());

            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, Duration.ofSeconds(20),
                    with.describe());
            assertEquals(Map.of(0, (long) UnreadableValuesApp.ROUNDS / 2,
                            1, 2L * UnreadableValuesApp.ROUNDS + UnreadableValuesApp.ROUNDS / 2),
                    Reports.classCounts(report, "train"), report.toString());
            assertEquals(UnreadableValuesApp.ROUNDS, Reports.batchesCounted(report), report.toString());
        }
    }
}
