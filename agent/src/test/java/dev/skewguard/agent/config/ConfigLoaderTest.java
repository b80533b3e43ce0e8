package dev.skewguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final Set<String> INSTRUMENTATIONS = Set.of("methods", "djl");

    private static AgentConfig load(String args, Properties props, Map<String, String> env) {
        return ConfigLoader.load(args, props, env, INSTRUMENTATIONS, "default-job");
    }

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void defaults() {
        AgentConfig c = load(null, props(), Map.of());
        assertEquals("localhost:4910", c.endpoint());
        assertEquals("default-job", c.job());
        assertNull(c.worker());
        assertEquals(Predictions.INDICES, c.predictions());
        assertEquals(1024, c.buffer());
        assertFalse(c.blockWhenFull());
        assertEquals(OnStop.THROW, c.onStop());
        assertEquals(30, c.stopGraceSeconds());
        assertEquals(3, c.exitCode());
        assertEquals(2, c.flushTimeoutSeconds());
        assertTrue(c.warnings().isEmpty());
    }

    @Test
    void agentArgumentBeatsSystemPropertyWhichBeatsEnvironment() {
        AgentConfig c = load("job=from-args",
                props("skewguard.job", "from-prop", "skewguard.worker", "w-prop"),
                Map.of("SKEWGUARD_JOB", "from-env", "SKEWGUARD_WORKER", "w-env", "SKEWGUARD_ON_STOP", "exit"));
        assertEquals("from-args", c.job());
        assertEquals("w-prop", c.worker());
        assertEquals(OnStop.EXIT, c.onStop());
    }

    @Test
    void everyOptionIsRead() {
        AgentConfig c = load("endpoint=collector.example:5000,worker=w1,predictions=scores,buffer=7,"
                + "block_when_full=true,on_stop=log,stop_grace=1.5,exit_code=9,flush_timeout=0.25,send_interval=50,"
                + "djl=false",
                props(), Map.of());
        assertEquals("collector.example:5000", c.endpoint());
        assertEquals("w1", c.worker());
        assertTrue(c.wantsScores());
        assertEquals(7, c.buffer());
        assertTrue(c.blockWhenFull());
        assertEquals(OnStop.LOG, c.onStop());
        assertEquals(1.5, c.stopGraceSeconds());
        assertEquals(9, c.exitCode());
        assertEquals(0.25, c.flushTimeoutSeconds());
        assertEquals(50, c.sendIntervalMillis());
        assertEquals(AgentConfig.DEFAULT_SEND_INTERVAL_MILLIS, load("", props(), Map.of()).sendIntervalMillis());
        assertFalse(c.instrumentationEnabled("djl", true));
        assertTrue(c.instrumentationEnabled("xgboost", true));
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void methodsTakesTheRestOfTheAgentArgumentCommasIncluded() {
        String methods = "com.acme.Trainer#step:labels=arg0,predictions=return;com.acme.Eval#score:labels=arg1,"
                + "predictions=arg2,mode=eval";
        AgentConfig c = load("job=j,methods=" + methods, props(), Map.of());
        assertEquals("j", c.job());
        assertEquals(methods, c.methods());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void methodsMayStandAnywhereItsValueEndsAtTheNextAgentOption() {
        String methods = "com.acme.Trainer#step:labels=arg0,predictions=return;com.acme.Eval#score:labels=arg1,"
                + "predictions=arg2,mode=eval";
        AgentConfig c = ConfigLoader.load("methods=" + methods + ",job=j,predictions=scores,xgboost_every=2,djl=false",
                props(), Map.of(), INSTRUMENTATIONS, Set.of("xgboost_every"), "default-job");
        assertEquals(methods, c.methods());
        assertEquals("j", c.job());
        assertTrue(c.wantsScores());
        assertEquals("2", c.instrumentationOption("xgboost_every").orElseThrow());
        assertFalse(c.instrumentationEnabled("djl", true));
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void aSpecParameterOutsideItsSpecSaysWhereItBelongs() {
        AgentConfig c = load("methods=a.B#m:labels=arg0,job=j,predictions=return,mode=eval", props(), Map.of());
        assertEquals("a.B#m:labels=arg0", c.methods());
        assertEquals("j", c.job());
        assertEquals(2, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).contains("predictions=return belongs to a methods spec"), c.warnings().get(0));
        assertTrue(c.warnings().get(1).contains("'mode' belongs to a methods spec"), c.warnings().get(1));
    }

    @Test
    void endpointTakesHttpAndAddsTheDefaultPortWithALine() {
        assertEquals("collector:5000", load("endpoint=http://collector:5000/", props(), Map.of()).endpoint());
        AgentConfig noPort = load("endpoint=collector", props(), Map.of());
        assertEquals("collector:4910", noPort.endpoint());
        assertEquals(List.of("endpoint=collector has no port: the agent uses collector:4910, the collector's default"
                + " port (write host:port to choose another)"), noPort.warnings());
        AgentConfig blockTimeout = load("block_when_full=true,block_timeout=0.5", props(), Map.of());
        assertEquals(0.5, blockTimeout.blockTimeoutSeconds());
        assertEquals(AgentConfig.DEFAULT_BLOCK_TIMEOUT_SECONDS, load("", props(), Map.of()).blockTimeoutSeconds());
    }

    @Test
    void aBootstrapValueThatIsNoBooleanIsOneLineAndKeepsTheDefault() {
        AgentConfig c = load("bootstrap=maybe", props(), Map.of());
        assertTrue(c.bootstrap());
        assertEquals(List.of("ignored agent option bootstrap=maybe: expected true or false"), c.warnings());
        assertFalse(load("bootstrap=false", props(), Map.of()).bootstrap());
    }

    @Test
    void unknownKeysAndBadValuesWarnOneLineEachAndKeepTheDefaults() {
        AgentConfig c = load("bogus=1,buffer=-3,on_stop=explode,endpoint=https://collector:4910,exit_code=300,job=ok",
                props("skewguard.flush_timeout", "soon"), Map.of("SKEWGUARD_PREDICTIONS", "all"));
        assertEquals("ok", c.job());
        assertEquals(1024, c.buffer());
        assertEquals(OnStop.THROW, c.onStop());
        assertEquals("localhost:4910", c.endpoint());
        assertEquals(3, c.exitCode());
        assertEquals(2, c.flushTimeoutSeconds());
        assertEquals(Predictions.INDICES, c.predictions());
        assertEquals(7, c.warnings().size(), String.join("\n", c.warnings()));
        String all = String.join("\n", c.warnings());
        assertTrue(all.contains("unknown option 'bogus'"), all);
        assertTrue(all.contains("system property skewguard.flush_timeout=soon"), all);
        assertTrue(all.contains("environment variable SKEWGUARD_PREDICTIONS=all"), all);
        assertTrue(all.contains("on_stop=explode: expected throw, exit or log"), all);
        assertTrue(all.contains("endpoint=https://collector:4910: write endpoint=collector:4910 (no https://) and, for TLS,"
                + " tls=true (or tls_ca=FILE, tls_pin=SHA256); meanwhile the agent uses localhost:4910"), all);
    }

    @Test
    void defaultJobNamesTheMainClassAndTheStartTime() {
        assertEquals("Trainer-19700101T000000Z", DefaultJobId.of("com.acme.Trainer --epochs 3", 0));
        assertEquals("train-19700101T000001Z", DefaultJobId.of("/opt/jobs/train.jar a b", 1000));
        assertEquals("java-19700101T000000Z", DefaultJobId.of(null, 0));
        assertEquals("my-job-20261122T171800Z", DefaultJobId.of("/opt/my-job.jar --x", 1_795_367_880_000L));
        assertEquals("Tr_ain-19700101T000000Z", DefaultJobId.of("com.acme.Tr$ain", 0));
    }

    @Test
    void utcStampMatchesJavaTime() {
        for (long millis : new long[] {0L, 951_782_400_000L, 1_795_367_880_123L, 4_102_444_799_000L, -86_400_000L}) {
            String expected = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.ofEpochMilli(millis));
            assertEquals(expected, DefaultJobId.utcStamp(millis), "at " + millis);
        }
    }

    @Test
    void instrumentationOptionsComeFromEverySourceInOrderAndUndeclaredKeysAreRefused() {
        Set<String> optionKeys = Set.of("xgboost_every");
        AgentConfig fromArgs = ConfigLoader.load("xgboost_every=10", props("skewguard.xgboost_every", "5"),
                Map.of("SKEWGUARD_XGBOOST_EVERY", "3"), INSTRUMENTATIONS, optionKeys, "job");
        assertEquals("10", fromArgs.instrumentationOption("xgboost_every").orElseThrow());
        assertEquals("agent option xgboost_every", fromArgs.instrumentationOptionSource("xgboost_every"));
        assertTrue(fromArgs.warnings().isEmpty(), fromArgs.warnings().toString());

        AgentConfig fromEnv = ConfigLoader.load(null, props(), Map.of("SKEWGUARD_XGBOOST_EVERY", "3"),
                INSTRUMENTATIONS, optionKeys, "job");
        assertEquals("3", fromEnv.instrumentationOption("xgboost_every").orElseThrow());

        AgentConfig undeclared = ConfigLoader.load("xgboost_every=10", props(), Map.of(), INSTRUMENTATIONS,
                Set.of(), "job");
        assertTrue(undeclared.instrumentationOption("xgboost_every").isEmpty());
        assertEquals(1, undeclared.warnings().size());
        assertTrue(undeclared.warnings().get(0).contains("unknown option 'xgboost_every'"),
                undeclared.warnings().get(0));
    }
}
