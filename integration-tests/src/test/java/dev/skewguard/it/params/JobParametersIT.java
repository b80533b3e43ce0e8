package dev.skewguard.it.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.params.ParameterRules;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.options.Action;
import dev.skewguard.it.plain.PlainExample;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three jobs of the plain example (imbalance ratio about 30) on one collector with --action stop, each judged by its
 * own parameters: threshold_imbalance=50 from the agent's options runs to the end; the default (10) is stopped; a job
 * whose rules file entry locks the threshold at 10 asks for 50 in vain, is stopped, and its agent says so in one line.
 */
class JobParametersIT {
    private static final String ARGS_EXIT = "on_stop=exit,exit_code=7,flush_timeout=30,methods=" + PlainExample.METHODS;

    @TempDir
    Path dir;

    @Test
    void twoJobsOnOneCollectorAreJudgedByTheirOwnParametersAndALockedOneCannotBeLoosened() throws Exception {
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, """
                {"rules": [
                  {"jobs": ["locked-*"], "parameters": {"threshold_imbalance": 10},
                   "job_may_set": ["samples", "labels_regex", "predictions_regex"]}
                ]}""");
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP, RuleParameters.DEFAULTS,
                options -> options.rules(ParameterRules.read(rules)))) {
            ChildResult loose = run(collector, "loose", "threshold_imbalance=50");
            ChildResult plain = run(collector, "plain", null);
            ChildResult locked = run(collector, "locked-1", "threshold_imbalance=50");

            assertEquals(0, loose.exitCode(), loose.describe());
            JsonNode looseReport = collector.report("loose").orElseThrow();
            double ratio = looseReport.path("modes").path("train").path("ratio").asDouble();
            assertTrue(ratio > 20 && ratio < 50, "ratio about 30: " + looseReport.toPrettyString());
            assertFalse(looseReport.path("triggered").asBoolean(), looseReport.toPrettyString());
            assertEquals("job", looseReport.path("job_parameters").path("sources").path("threshold_imbalance")
                    .asText());
            assertTrue(loose.stderrLines().stream().noneMatch(l -> l.startsWith("[skewguard] WARN")), loose.describe());

            assertEquals(7, plain.exitCode(), plain.describe());
            JsonNode plainReport = collector.report("plain").orElseThrow();
            assertTrue(plainReport.path("stopped").asBoolean(), plainReport.toPrettyString());
            assertEquals("default", plainReport.path("job_parameters").path("sources").path("threshold_imbalance")
                    .asText());

            assertEquals(7, locked.exitCode(), "the lock holds: " + locked.describe());
            List<String> notes = locked.stderrLines().stream()
                    .filter(l -> l.startsWith("[skewguard] WARN the collector did not apply")).toList();
            assertEquals(1, notes.size(), locked.describe());
            assertTrue(notes.get(0).contains("threshold_imbalance=50.0 ignored: locked by the collector's rules file "
                    + "entry 1 (jobs locked-*); the job uses 10"), notes.get(0));
            JsonNode lockedParams = collector.report("locked-1").orElseThrow().path("job_parameters");
            assertEquals("rules_file", lockedParams.path("sources").path("threshold_imbalance").asText());
            assertEquals("threshold_imbalance", lockedParams.path("ignored").get(0).path("parameter").asText());
            assertTrue(collector.logLines().stream().anyMatch(l -> l.contains("job \"locked-1\"")
                    && l.contains("threshold_imbalance=50.0 ignored")), String.join("\n", collector.logLines()));
        }
    }

    @Test
    void aBadValueIsOneWarningAndTheCollectorsValueApplies() throws Exception {
        try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
            ChildResult r = run(collector, "bad", "threshold_imbalance=-3");
            assertEquals(7, r.exitCode(), "judged by the collector's 10: " + r.describe());
            List<String> warnings = r.stderrLines().stream()
                    .filter(l -> l.startsWith("[skewguard] WARN ignored agent option threshold_imbalance=-3")).toList();
            assertEquals(1, warnings.size(), r.describe());
            assertTrue(warnings.get(0).endsWith("not sent: the collector's value applies"), warnings.get(0));
        }
    }

    private static ChildResult run(InProcessCollector collector, String job, String parameters) throws Exception {
        return ChildJvm.on(Jdk.current())
                .agent("endpoint=" + collector.endpoint() + ",job=" + job + (parameters == null ? "" : "," + parameters)
                        + "," + ARGS_EXIT)
                .jar(ItPaths.plainJar())
                .args("--classes", "2", "--minority-fraction", "0.033", "--epochs", "10", "--batch-delay-ms", "5")
                .run(Duration.ofSeconds(120));
    }
}
