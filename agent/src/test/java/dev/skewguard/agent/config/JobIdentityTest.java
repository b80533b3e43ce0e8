package dev.skewguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobIdentityTest {
    @AfterEach
    void reset() {
        JobIdentity.reset();
    }

    private static AgentConfig load(String args) {
        return ConfigLoader.load(args, new Properties(), Map.of(), Set.of(), "Main-20261130T000000Z");
    }

    @Test
    void withoutDerivedNamesTheDefaultsApply() {
        AgentConfig config = load("");
        assertFalse(config.jobGiven());
        assertEquals("Main-20261130T000000Z", JobIdentity.job(config));
        assertEquals("host:1", JobIdentity.worker(config, "host:1"));
    }

    @Test
    void derivedNamesReplaceTheDefaults() {
        AgentConfig config = load("");
        assertTrue(JobIdentity.derive("app-1", "executor-3"));
        assertEquals("app-1", JobIdentity.job(config));
        assertEquals("executor-3", JobIdentity.worker(config, "host:1"));
    }

    @Test
    void theUsersOwnNamesWinFromAnySource() {
        JobIdentity.derive("app-1", "executor-3");
        AgentConfig fromArgs = load("job=mine,worker=w7");
        assertTrue(fromArgs.jobGiven());
        assertEquals("mine", JobIdentity.job(fromArgs));
        assertEquals("w7", JobIdentity.worker(fromArgs, "host:1"));
        Properties props = new Properties();
        props.setProperty("skewguard.job", "from-property");
        AgentConfig fromProperty = ConfigLoader.load("", props, Map.of(), Set.of(), "d");
        assertEquals("from-property", JobIdentity.job(fromProperty));
        AgentConfig fromEnv = ConfigLoader.load("", new Properties(), Map.of("SKEWGUARD_JOB", "from-env"), Set.of(), "d");
        assertEquals("from-env", JobIdentity.job(fromEnv));
    }

    @Test
    void theFirstDerivedNamesStay() {
        assertTrue(JobIdentity.derive("app-1", "driver"));
        assertTrue(JobIdentity.derive("app-1", "driver"));
        assertFalse(JobIdentity.derive("app-2", "driver"));
        assertEquals("app-1", JobIdentity.job(load("")));
    }
}
