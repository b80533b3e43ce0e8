package dev.skewguard.it.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An endpoint without a port, or with https://, is one clear line at start (before the attach line, which names
 * the endpoint the agent uses); the program runs as without the agent.
 */
class EndpointMistakesIT {

    @ParameterizedTest(name = "endpoint={0}")
    @CsvSource(delimiter = '|', value = {
        "collector-host|endpoint=collector-host has no port: the agent uses collector-host:4910, the collector's"
                + " default port (write host:port to choose another)|collector-host:4910",
        "https://collector-host:4911|ignored agent option endpoint=https://collector-host:4911: write"
                + " endpoint=collector-host:4911 (no https://) and, for TLS, tls=true (or tls_ca=FILE, tls_pin=SHA256);"
                + " meanwhile the agent uses"
                + " localhost:4910|localhost:4910"})
    void oneLineAtStartSaysWhatIsWrongAndWhatTheAgentUses(String endpoint, String line, String used)
            throws Exception {
        ChildResult r = ChildJvm.on(Jdk.current()).agent("endpoint=" + endpoint + ",job=endpoint-mistake")
                .jar(ItPaths.plainJar()).args("--epochs", "1").run(Duration.ofSeconds(60));
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.printedResult(), r.describe());
        List<String> err = r.stderrLines();
        assertEquals(List.of("[skewguard] WARN " + line), r.agentWarnings(), r.describe());
        int warning = err.indexOf("[skewguard] WARN " + line);
        int attached = MethodsSpecMistakesIT.indexOf(err, "[skewguard] INFO agent ");
        assertTrue(warning < attached, r.describe());
        assertTrue(err.get(attached).contains(" collector=" + used + " "), r.describe());
    }
}
