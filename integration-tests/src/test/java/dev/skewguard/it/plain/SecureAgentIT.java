package dev.skewguard.it.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.security.ServerTls;
import dev.skewguard.collector.security.TestPki;
import dev.skewguard.collector.security.TokensFile;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shaded agent in a child JVM against collectors with TLS and tokens: it streams and honours Stop from the
 * collector it authenticated (by CA or by pinned fingerprint); it never reaches a collector it cannot authenticate,
 * nor falls back to plaintext, so such a collector cannot stop it; a refused token or job is one line.
 */
class SecureAgentIT {
    static final String TOKEN_A = "team-a-token-0123456789abcdef";
    static final String TOKEN_B = "team-b-token-0123456789abcdef";

    @TempDir
    static Path dir;
    static TestPki pki;
    static TestPki rogue;
    static Path tokens;
    static Path tokenFileA;

    @BeforeAll
    static void certificates() throws Exception {
        pki = TestPki.ca(dir, "test-ca");
        pki.issue("collector");
        rogue = TestPki.ca(dir, "rogue-ca");
        rogue.issue("rogue");
        tokens = Files.writeString(dir.resolve("tokens"), TOKEN_A + " team-a-*\n" + TOKEN_B + " team-b-*\n");
        tokenFileA = Files.writeString(dir.resolve("token-a"), TOKEN_A + "\n");
    }

    private static InProcessCollector secureCollector(TestPki ca, String name) throws Exception {
        return InProcessCollector.start(Action.STOP, RuleParameters.DEFAULTS, b -> b
                .tls(ServerTls.of(ca.crt(name), ca.key(name), null))
                .tokens(TokensFile.read(tokens)));
    }

    private static ChildResult train(String agentOptions) throws Exception {
        return train(Jdk.current(), agentOptions);
    }

    private static ChildResult train(Jdk jdk, String agentOptions) throws Exception {
        return train(jdk, agentOptions, 10);
    }

    /**
     * {@code flushTimeoutSeconds}: how long the exit may wait for the collector; an agent that cannot reach it
     * retries until then.
     */
    private static ChildResult train(Jdk jdk, String agentOptions, int flushTimeoutSeconds) throws Exception {
        return ChildJvm.on(jdk)
                .agent(agentOptions + ",on_stop=log,flush_timeout=" + flushTimeoutSeconds + ",methods="
                        + PlainExample.METHODS)
                .jar(ItPaths.plainJar())
                .args("--classes", "2", "--minority-fraction", "0.01", "--batch-delay-ms", "2", "--epochs", "4")
                .run(Duration.ofSeconds(120));
    }

    private static List<String> stopLines(ChildResult r) {
        return r.stderrLines().stream().filter(l -> l.contains("STOP requested by the collector")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.skewguard.it.support.Jdk#all")
    void overTlsWithATokenFileTheAgentStreamsAndHonoursStop(Jdk jdk) throws Exception {
        try (InProcessCollector collector = secureCollector(pki, "collector")) {
            ChildResult r = train(jdk, "endpoint=localhost:" + collector.port() + ",job=team-a-ca,tls_ca="
                    + pki.caPem() + ",token_file=" + tokenFileA);
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals(1, stopLines(r).size(), r.describe());
            assertFalse(r.stderr().contains(TOKEN_A) || r.stdout().contains(TOKEN_A), "the token is never printed");
            assertTrue(r.stderr().contains("(TLS (CA " + pki.caPem() + "), token)"), r.describe());
            JsonNode report = collector.report("team-a-ca").orElseThrow();
            assertTrue(report.path("stopped").asBoolean(), report.toPrettyString());
            assertTrue(report.path("batches_counted").asLong() > 0, report.toPrettyString());
        }
    }

    @Test
    void aPinnedCertificateIsTrustedWithoutItsCa() throws Exception {
        try (InProcessCollector collector = secureCollector(pki, "collector")) {
            ChildResult r = ChildJvm.on(Jdk.current())
                    .agent("endpoint=127.0.0.1:" + collector.port() + ",job=team-a-pin,tls_pin="
                            + pki.fingerprint("collector") + ",on_stop=log,flush_timeout=10,methods="
                            + PlainExample.METHODS)
                    .env("SKEWGUARD_TOKEN", TOKEN_A)
                    .jar(ItPaths.plainJar())
                    .args("--classes", "2", "--minority-fraction", "0.01", "--batch-delay-ms", "2", "--epochs", "4")
                    .run(Duration.ofSeconds(120));
            assertEquals(1, stopLines(r).size(), r.describe());
            assertTrue(collector.report("team-a-pin").orElseThrow().path("batches_counted").asLong() > 0);
        }
    }

    @Test
    void aCollectorTheAgentCannotAuthenticateCannotStopIt() throws Exception {
        // A rogue collector at the agent's endpoint: its certificate is from another CA, and it would stop any job.
        try (InProcessCollector impostor = secureCollector(rogue, "rogue")) {
            // The agent never reaches it: a short flush_timeout, which the exit waits out retrying.
            ChildResult r = train(Jdk.current(), "endpoint=127.0.0.1:" + impostor.port() + ",job=team-a-rogue,tls_ca="
                    + pki.caPem() + ",token=" + TOKEN_A, 1);
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(stopLines(r).isEmpty(), r.describe());
            assertTrue(r.stderr().contains("unreachable") && r.stderr().contains("certificat"), r.describe());
            assertTrue(impostor.report("team-a-rogue").isEmpty(), "the impostor heard nothing");
        }
        // With TLS asked for, a plaintext collector is never used either.
        try (InProcessCollector plaintext = InProcessCollector.start(Action.STOP)) {
            ChildResult r = train(Jdk.current(), "endpoint=" + plaintext.endpoint() + ",job=team-a-plain,tls=true,"
                    + "tls_pin=" + pki.fingerprint("collector"), 1);
            assertTrue(stopLines(r).isEmpty(), r.describe());
            assertTrue(plaintext.report("team-a-plain").isEmpty(), "no plaintext fallback");
        }
        // A TLS setting that cannot be used: the agent says so and connects to nothing, not even in plaintext.
        try (InProcessCollector plaintext = InProcessCollector.start(Action.STOP)) {
            ChildResult r = train("endpoint=" + plaintext.endpoint() + ",job=team-a-missing,tls_ca="
                    + dir.resolve("missing.pem"));
            assertTrue(r.stderr().contains("never falls back to plaintext"), r.describe());
            assertTrue(plaintext.report("team-a-missing").isEmpty(), r.describe());
        }
    }

    @Test
    void aRefusedTokenOrJobIsOneClearLine() throws Exception {
        try (InProcessCollector collector = secureCollector(pki, "collector")) {
            ChildResult wrong = train("endpoint=localhost:" + collector.port() + ",job=team-a-x,tls_ca="
                    + pki.caPem() + ",token=not-a-token-of-this-collector");
            assertEquals(1, wrong.stderrLines().stream()
                    .filter(l -> l.contains("the collector refused the agent's token (UNAUTHENTICATED")).count(),
                    wrong.describe());
            assertFalse(wrong.stderr().contains("not-a-token-of-this-collector"), wrong.describe());
            ChildResult otherTeam = train("endpoint=localhost:" + collector.port() + ",job=team-a-y,tls_ca="
                    + pki.caPem() + ",token=" + TOKEN_B);
            assertEquals(1, otherTeam.stderrLines().stream()
                    .filter(l -> l.contains("the collector refused this job for the agent's token "
                            + "(PERMISSION_DENIED")).count(), otherTeam.describe());
            assertTrue(collector.report("team-a-x").isEmpty() && collector.report("team-a-y").isEmpty());
        }
    }
}
