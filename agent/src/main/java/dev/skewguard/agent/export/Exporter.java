package dev.skewguard.agent.export;

import dev.skewguard.agent.config.AgentConfig;
import java.util.List;

/** The background sender (being written). */
public final class Exporter {
    private Exporter() {
    }

    public static void start(AgentConfig config, List<String> instrumentations) {
    }
}
