package dev.skewguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.agent.instrumentation.Instrumentation;
import dev.skewguard.agent.instrumentation.Instrumentations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/agent.md documents every option the agent reads: its own and each instrumentation's. */
class AgentDocsTest {
    private static String agentDoc() throws IOException {
        Path doc = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve("docs/agent.md");
        assertTrue(Files.isRegularFile(doc), doc + " is missing");
        return Files.readString(doc);
    }

    @Test
    void everyOptionKeyIsDocumented() throws IOException {
        String doc = agentDoc();
        List<String> missing = new ArrayList<>();
        for (String key : AgentConfig.optionKeys()) {
            if (!doc.contains("`" + key + "`")) {
                missing.add(key);
            }
        }
        List<Instrumentation> instrumentations = Instrumentations.load(AgentDocsTest.class.getClassLoader());
        assertTrue(instrumentations.size() >= 5, "instrumentations found: " + Instrumentations.names(instrumentations));
        for (Instrumentation i : instrumentations) {
            if (!doc.contains("`" + i.name() + "`")) {
                missing.add(i.name() + " (instrumentation switch)");
            }
            for (String key : i.optionKeys()) {
                if (!doc.contains("`" + key + "`")) {
                    missing.add(key + " (option of " + i.name() + ")");
                }
            }
        }
        assertEquals(List.of(), missing, "agent options not in docs/agent.md");
    }

    @Test
    void defaultsInTheOptionsTableAreTheCodes() throws IOException {
        String doc = agentDoc();
        assertRow(doc, "endpoint", AgentConfig.DEFAULT_ENDPOINT);
        assertRow(doc, "buffer", "" + AgentConfig.DEFAULT_BUFFER);
        assertRow(doc, "exit_code", "" + AgentConfig.DEFAULT_EXIT_CODE);
        assertRow(doc, "send_interval", "" + AgentConfig.DEFAULT_SEND_INTERVAL_MILLIS);
        assertRow(doc, "stop_grace", plain(AgentConfig.DEFAULT_STOP_GRACE_SECONDS));
        assertRow(doc, "flush_timeout", plain(AgentConfig.DEFAULT_FLUSH_TIMEOUT_SECONDS));
        assertRow(doc, "block_timeout", plain(AgentConfig.DEFAULT_BLOCK_TIMEOUT_SECONDS));
    }

    private static String plain(double seconds) {
        return seconds == Math.rint(seconds) ? "" + (long) seconds : "" + seconds;
    }

    private static void assertRow(String doc, String key, String defaultValue) {
        String row = doc.lines().filter(l -> l.startsWith("| `" + key + "` |")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + key + " in docs/agent.md"));
        assertEquals("`" + defaultValue + "`", row.split("\\|")[2].strip(), "default of " + key);
    }
}
