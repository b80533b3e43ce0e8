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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An imbalanced plain loop (99:1) is captured and streamed, the collector's rule fires and it says stop; each
 * on_stop mode ends the program the way docs/agent.md promises.
 */
class StopIT {
    private static final int EXIT_CODE = 7;

    enum Case {
        /** The next captured call throws; the program's main fails (status 1) after its finally block ran. */
        THROW("throw", false, 1),
        /** The application swallows the exception and goes on; the agent exits after stop_grace. */
        THROW_SWALLOWED("throw", true, EXIT_CODE),
        /** System.exit(exit_code) at once. */
        EXIT("exit", false, EXIT_CODE),
        /** Logged only; the program completes. */
        LOG("log", false, 0);

        final String onStop;
        final boolean appSwallowsErrors;
        final int expectedStatus;

        Case(String onStop, boolean appSwallowsErrors, int expectedStatus) {
            this.onStop = onStop;
            this.appSwallowsErrors = appSwallowsErrors;
            this.expectedStatus = expectedStatus;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        Jdk.all().forEach(jdk -> {
            for (Case c : Case.values()) {
                all.add(Arguments.of(jdk, c));
            }
        });
        return all.stream();
    }

    @ParameterizedTest(name = "{0} on_stop={1}")
    @MethodSource("cases")
    void capturedStreamedAndStopped(Jdk jdk, Case c) throws Exception {
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            String job = "stop-" + c.name().toLowerCase() + "-" + jdk.toString().replace(' ', '-');
            List<String> args = new ArrayList<>(List.of("--classes", "2", "--minority-fraction", "0.01",
                    "--batch-delay-ms", "2", "--epochs", c == Case.LOG ? "4" : "200"));
            if (c.appSwallowsErrors) {
                args.add("--ignore-errors");
            }
            ChildResult r = ChildJvm.on(jdk)
                    .agent("endpoint=" + collector.endpoint() + ",job=" + job + ",on_stop=" + c.onStop
                            + ",stop_grace=0.5,exit_code=" + EXIT_CODE + ",flush_timeout=30,methods=" + PlainExample.METHODS)
                    .jar(ItPaths.plainJar()).args(args.toArray(new String[0]))
                    .run(Duration.ofSeconds(120));

            assertEquals(c.expectedStatus, r.exitCode(), r.describe());
            List<String> stopLines = r.stderrLines().stream()
                    .filter(l -> l.startsWith("[skewguard] WARN STOP requested by the collector")).toList();
            assertEquals(1, stopLines.size(), r.describe());
            String stop = stopLines.get(0);
            assertTrue(stop.contains("checks=imbalance") && stop.contains(" ratio=")
                    && stop.contains("on_stop=" + c.onStop), stop);
            JsonNode report = collector.report(job).orElseThrow();
            assertTrue(report.path("triggered").asBoolean() && report.path("stopped").asBoolean(),
                    report.toPrettyString());

            boolean completed = r.stdout().contains("result: ");
            switch (c) {
                case THROW:
                    assertTrue(r.stderr().contains("SkewguardStopException: skewguard stopped this job: checks="),
                            r.describe());
                    assertTrue(r.stdout().contains("train labels: "), "the finally block ran: " + r.describe());
                    assertFalse(completed, r.describe());
                    break;
                case THROW_SWALLOWED:
                    // Exited by the agent while the loop still ran: neither the finally block nor the end reached.
                    assertFalse(r.stdout().contains("train labels: ") || completed, r.describe());
                    break;
                case EXIT:
                    assertFalse(completed, r.describe());
                    break;
                case LOG:
                    assertTrue(completed, r.describe());
                    break;
                default:
                    throw new AssertionError(c);
            }
        }
    }
}
