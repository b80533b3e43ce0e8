package dev.skewguard.it.releases;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both ends of every framework's supported range, with the real framework: the example built against that release
 * trains a few epochs (rounds) with the shaded agent against a real collector on loopback; the agent finds the
 * release, finds every member its advice needs, and the collector counts exactly the labels the program says it
 * trained and validated on. The current releases' other tests live in each framework's package.
 */
@Timeout(300)
class SupportedReleasesIT {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration REPORT_WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(ReleaseEnd.class)
    void eachEndOfTheRangeIsCapturedExactlyAndSaysItIsSupported(ReleaseEnd end) throws Exception {
        String job = "release-" + end.name().toLowerCase();
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            ChildResult run = ChildJvm.on(Jdk.current()).directory(workDir)
                    .env("DJL_OFFLINE", "true").env("OMP_NUM_THREADS", "1").env("TF_CPP_MIN_LOG_LEVEL", "2")
                    .main(ItPaths.exampleClasspath(end.example), end.mainClass)
                    .args(end.args.toArray(String[]::new))
                    .agent("endpoint=" + collector.endpoint() + ",job=" + job + ",flush_timeout=30,debug=true")
                    .run(RUN_TIMEOUT);

            assertEquals(0, run.exitCode(), run.describe());
            assertTrue(run.printedResult(), run.describe());
            assertEquals(List.of(), run.agentWarnings(), run.describe());
            List<String> supported = run.stderrLines().stream().filter(l -> l.startsWith(end.supportedLine()))
                    .toList();
            assertEquals(1, supported.size(), "one line naming the release found:\n" + run.describe());

            JsonNode report;
            try {
                report = collector.awaitReport(job, Reports::allSaidGoodbye, REPORT_WAIT);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- the program\n" + run.describe(), e);
            }
            for (String mode : List.of("train", "eval")) {
                Map<Integer, Long> trained = end.programCounts(run, mode);
                assertFalse(trained.isEmpty(), run.describe());
                assertEquals(trained, Reports.classCounts(report, mode),
                        end + " " + mode + ": the collector's counts vs the program's own\n" + report);
            }
            assertEquals(0, Reports.droppedBatches(report), report.toString());
        }
    }
}
