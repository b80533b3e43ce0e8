package dev.skewguard.collector.server;

import static dev.skewguard.collector.server.CollectorServerTest.SKEWED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.options.ServerOptionsBuilder;
import dev.skewguard.collector.params.ParameterRules;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.proto.v1.JobParameters;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each job judged by its own parameters on one collector: from Hello.parameters, from the rules file (a locked
 * parameter the job may not loosen), reloaded for jobs that start afterwards; workers that disagree; a bad value
 * refused with nothing else touched. Reports are checked against the schema.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobParametersTest {
    final List<String> log = new CopyOnWriteArrayList<>();
    CollectorServer collector;
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        if (collector != null) {
            collector.close();
        }
    }

    private void start(ParameterRules rules) throws Exception {
        collector = CollectorServer.start(ServerOptions.builder().port(0).action(Action.STOP)
                .patience(Patience.NONE).rules(rules).quiet(true).log(log::add).build());
    }

    private JsonNode report(String job) {
        return ReportSchema.validated(collector.reportJson(job).orElseThrow());
    }

    private static JobParameters threshold(double value) {
        return JobParameters.newBuilder().setThresholdImbalance(value).build();
    }

    @Test
    void twoJobsAreJudgedByTheirOwnParameters() throws Exception {
        start(ParameterRules.NONE);
        try (TestAgent loose = TestAgent.connect(collector.port());
             TestAgent plain = TestAgent.connect(collector.port())) {
            loose.hello("loose", "w0", "i0", threshold(200));
            plain.hello("plain", "w0", "i1"); // an agent before Hello.parameters
            loose.batch(1, SKEWED, SKEWED); // ratio 99
            plain.batch(1, SKEWED, SKEWED);
            loose.awaitAck(1);
            plain.awaitStop();
            assertTrue(loose.stops.isEmpty() && loose.notices.isEmpty(), "ratio 99 is below the job's own 200");
            JsonNode looseReport = report("loose");
            assertFalse(looseReport.path("triggered").asBoolean(), looseReport.toPrettyString());
            JsonNode params = looseReport.path("job_parameters");
            assertEquals(200.0, params.path("effective").path("threshold_imbalance").asDouble());
            assertEquals("job", params.path("sources").path("threshold_imbalance").asText());
            assertEquals("default", params.path("sources").path("samples").asText());
            assertEquals(200.0, looseReport.path("parameters").path("threshold_imbalance").asDouble());
            JsonNode plainReport = report("plain");
            assertTrue(plainReport.path("triggered").asBoolean());
            assertEquals("default", plainReport.path("job_parameters").path("sources").path("threshold_imbalance")
                    .asText());
        }
    }

    @Test
    void aRulesFileSetsAndLocksParametersPerJobPattern() throws Exception {
        start(ParameterRules.parse("""
                {"rules": [
                  # team a: thresholds locked at 200, the job may set samples only
                  {"jobs": ["team-a-*"], "parameters": {"threshold_imbalance": 200}, "job_may_set": ["samples"]},
                  {"jobs": ["*"], "parameters": {"samples": 1000}}
                ]}""", null));
        try (TestAgent locked = TestAgent.connect(collector.port());
             TestAgent other = TestAgent.connect(collector.port())) {
            locked.hello("team-a-1", "w0", "i0", JobParameters.newBuilder().setThresholdImbalance(5)
                    .setSamples(100).build());
            String note = locked.awaitNotice().getParametersNote();
            assertTrue(note.startsWith("threshold_imbalance=5.0 ignored: locked by the collector's rules file entry 1"
                    + " (jobs team-a-*); the job uses 200"), note);
            assertTrue(log.stream().anyMatch(l -> l.contains("job \"team-a-1\"") && l.contains(note)), log.toString());
            other.hello("team-b-1", "w0", "i1");
            locked.batch(1, SKEWED, SKEWED);
            other.batch(1, SKEWED, SKEWED);
            locked.awaitAck(1);
            other.awaitStop();
            assertTrue(locked.stops.isEmpty(), "the job could not tighten the locked threshold to 5");
            JsonNode params = report("team-a-1").path("job_parameters");
            assertEquals("rules_file", params.path("sources").path("threshold_imbalance").asText());
            assertEquals("job", params.path("sources").path("samples").asText());
            assertEquals(100, params.path("effective").path("samples").asInt());
            assertEquals("team-a-*", params.path("rules_file_entry").get(0).asText());
            assertEquals("threshold_imbalance", params.path("ignored").get(0).path("parameter").asText());
            JsonNode otherParams = report("team-b-1").path("job_parameters");
            assertEquals(1000, otherParams.path("effective").path("samples").asInt());
            assertEquals("rules_file", otherParams.path("sources").path("samples").asText());
        }
    }

    @Test
    void aReloadAppliesToJobsThatStartAfterwardsAndABadFileKeepsTheOldRules() throws Exception {
        Path file = dir.resolve("rules.json");
        Files.writeString(file, "{\"rules\": [{\"jobs\": [\"*\"], \"parameters\": {\"threshold_imbalance\": 200}}]}");
        start(ParameterRules.read(file));
        try (TestAgent before = TestAgent.connect(collector.port())) {
            before.hello("before", "w0", "i0");
            Files.writeString(file, "{\"rules\": [{\"jobs\": [\"*\"], \"parameters\": {\"threshold_imbalance\": 50}}]}");
            awaitLog("changed (1 entry): jobs that start from now on get these rules");
            try (TestAgent after = TestAgent.connect(collector.port())) {
                after.hello("after", "w0", "i1");
                assertEquals(200.0, report("before").path("job_parameters").path("effective")
                        .path("threshold_imbalance").asDouble(), "a running job keeps its parameters");
                assertEquals(50.0, report("after").path("job_parameters").path("effective")
                        .path("threshold_imbalance").asDouble());
            }
            Files.writeString(file, "{\"rules\": [{\"jobs\": [\"*\"], \"parameters\": {\"threshold_imbalance\": -1}}]}");
            awaitLog("entry 1: threshold_imbalance: invalid value \"-1.0\"");
            String bad = log.stream().filter(l -> l.contains("invalid value \"-1.0\"")).findFirst().orElseThrow();
            assertTrue(bad.endsWith("; the previous rules stay"), bad);
            try (TestAgent third = TestAgent.connect(collector.port())) {
                third.hello("third", "w0", "i2");
                assertEquals(50.0, report("third").path("job_parameters").path("effective")
                        .path("threshold_imbalance").asDouble());
            }
        }
    }

    @Test
    void aBadValueRefusesThatHelloAndTouchesNothingElse() throws Exception {
        start(ParameterRules.NONE);
        try (TestAgent first = TestAgent.connect(collector.port());
             TestAgent bad = TestAgent.connect(collector.port());
             TestAgent badNewJob = TestAgent.connect(collector.port());
             TestAgent badRegex = TestAgent.connect(collector.port())) {
            first.hello("job", "w0", "i0", threshold(200));
            first.batch(1, SKEWED, SKEWED);
            first.awaitAck(1);
            String before = collector.reportJson("job").orElseThrow();

            Status nan = bad.helloRefused("job", "w1", "i1", threshold(Double.NaN));
            assertEquals(Status.Code.INVALID_ARGUMENT, nan.getCode());
            assertTrue(nan.getDescription().startsWith("Hello.parameters.threshold_imbalance: invalid value \"NaN\""),
                    nan.getDescription());
            Status negative = badNewJob.helloRefused("new-job", "w0", "i2",
                    JobParameters.newBuilder().setSamples(-5).build());
            assertTrue(negative.getDescription().contains("samples: invalid value \"-5\""), negative.toString());
            Status regex = badRegex.helloRefused("new-job", "w0", "i3",
                    JobParameters.newBuilder().setLabelsRegex("(").build());
            assertTrue(regex.getDescription().contains("labels_regex"), regex.toString());

            assertTrue(collector.reportJson("new-job").isEmpty(), "no job was made");
            JsonNode after = report("job");
            assertEquals(ReportSchema.validated(before).path("job_parameters"), after.path("job_parameters"));
            assertEquals(1, after.path("workers").size(), "the refused worker did not join");
            first.batch(2, SKEWED, SKEWED);
            assertEquals(2, first.awaitAck(2), "the job's own stream goes on");
        }
    }

    @Test
    void aWorkerThatAsksForAnotherSetIsJudgedByTheFirstAndToldSo() throws Exception {
        start(ParameterRules.NONE);
        try (TestAgent first = TestAgent.connect(collector.port());
             TestAgent second = TestAgent.connect(collector.port())) {
            first.hello("job", "w0", "i0", threshold(200));
            second.hello("job", "w1", "i1", threshold(20));
            String note = second.awaitNotice().getParametersNote();
            assertTrue(note.contains("this worker asked for threshold_imbalance=20.0 but the job's first worker "
                    + "fixed its parameters with threshold_imbalance=200.0; the job keeps threshold_imbalance=200.0"),
                    note);
            assertTrue(log.stream().anyMatch(l -> l.contains("worker \"w1\"") && l.contains("asked for")),
                    log.toString());
            JsonNode params = report("job").path("job_parameters");
            assertEquals(1, params.path("disagreeing_hellos").asInt());
            assertEquals("w1", params.path("disagreeing_workers").get(0).path("worker_id").asText());
            assertEquals("20.0", params.path("disagreeing_workers").get(0).path("requested")
                    .path("threshold_imbalance").asText());
            second.batch(1, SKEWED, SKEWED);
            second.awaitAck(1);
            assertTrue(second.stops.isEmpty(), "judged by the job's 200, not its own 20");
            assertTrue(first.notices.isEmpty(), "the first worker got what it asked for");
        }
    }

    @Test
    void aJobRestoredFromTheStateDirKeepsItsParametersAndTheirSources() throws Exception {
        ServerOptionsBuilder options = ServerOptions.builder().port(0).action(Action.STOP).patience(Patience.NONE)
                .stateDir(dir.resolve("state")).quiet(true).log(log::add);
        collector = CollectorServer.start(options.build());
        try (TestAgent agent = TestAgent.connect(collector.port())) {
            agent.hello("job", "w0", "i0", threshold(200));
            agent.batch(1, SKEWED, SKEWED);
            agent.awaitAck(1);
            agent.goodbye();
            agent.awaitEnd();
        }
        JsonNode before = report("job").path("job_parameters");
        collector.close();
        collector = CollectorServer.start(options.build());
        JsonNode after = report("job").path("job_parameters");
        assertEquals(before.path("effective"), after.path("effective"));
        assertEquals("job", after.path("sources").path("threshold_imbalance").asText());
        assertEquals("200.0", after.path("requested").path("threshold_imbalance").asText());
    }

    private void awaitLog(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (log.stream().noneMatch(l -> l.contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line with '" + text + "' in " + log);
            }
            Thread.sleep(50);
        }
    }
}
