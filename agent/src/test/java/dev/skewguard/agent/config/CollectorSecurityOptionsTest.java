package dev.skewguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorSecurityOptionsTest {
    private static final String PIN = "AB:".repeat(31) + "AB";

    private static AgentConfig load(String args, Properties props, Map<String, String> env) {
        return ConfigLoader.load(args, props, env, Set.of(), "default-job");
    }

    @Test
    void plaintextWithoutTokenByDefault() {
        CollectorSecurity s = load("", new Properties(), Map.of()).security();
        assertFalse(s.tls());
        assertNull(s.token());
        assertEquals("plaintext", s.toString());
    }

    @Test
    void theTokenComesFromAnySourceAndIsNeverShown(@TempDir Path dir) throws Exception {
        Properties props = new Properties();
        props.setProperty("skewguard.token", "from-sysprop-secret");
        assertEquals("from-sysprop-secret", load("", props, Map.of()).security().token());
        assertEquals("from-env-secret", load("", new Properties(), Map.of("SKEWGUARD_TOKEN", "from-env-secret"))
                .security().token());
        Path file = Files.writeString(dir.resolve("t"), "  from-file-secret\n");
        AgentConfig fromFile = load("token_file=" + file, new Properties(), Map.of());
        assertEquals("from-file-secret", fromFile.security().token());
        assertFalse(fromFile.security().toString().contains("secret"), fromFile.security().toString());

        AgentConfig empty = load("token=", new Properties(), Map.of());
        assertTrue(empty.warnings().get(0).startsWith("ignored agent option token=<hidden>: "),
                empty.warnings().toString());
        Path spaced = Files.writeString(dir.resolve("s"), "two words-secret");
        AgentConfig bad = load("token_file=" + spaced, new Properties(), Map.of());
        assertNull(bad.security().token());
        assertFalse(String.join("\n", bad.warnings()).contains("words-secret"), bad.warnings().toString());
    }

    @Test
    void tlsOptionsImplyTlsAndAPinIsNormalised(@TempDir Path dir) throws Exception {
        CollectorSecurity pinned = load("tls_pin=SHA256 Fingerprint=" + PIN, new Properties(), Map.of()).security();
        assertTrue(pinned.tls());
        assertEquals("ab".repeat(32), pinned.pinSha256());
        Path ca = Files.writeString(dir.resolve("ca.pem"), "pem");
        CollectorSecurity withCa = load("tls_ca=" + ca, new Properties(), Map.of()).security();
        assertTrue(withCa.tls());
        assertEquals(ca.toString(), withCa.caFile());
        assertNull(withCa.problem());
    }

    @Test
    void anUnusableTlsOptionKeepsTlsOnAndSaysTheAgentDoesNotConnect(@TempDir Path dir) {
        AgentConfig missing = load("tls_ca=" + dir.resolve("missing.pem"), new Properties(), Map.of());
        assertTrue(missing.security().tls(), "never plaintext when TLS was asked for");
        assertTrue(missing.security().problem().contains("not a readable file"), missing.security().problem());
        assertEquals(1, missing.warnings().size());
        assertTrue(missing.warnings().get(0).contains("it never falls back to plaintext"), missing.warnings().get(0));
        AgentConfig badPin = load("tls_pin=abc", new Properties(), Map.of());
        assertTrue(badPin.security().tls());
        assertTrue(badPin.warnings().get(0).contains("SHA-256 fingerprint"), badPin.warnings().get(0));
    }
}
