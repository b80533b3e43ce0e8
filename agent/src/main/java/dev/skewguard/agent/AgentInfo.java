package dev.skewguard.agent;

import dev.skewguard.agent.config.AgentConfig;
import java.util.List;

/** What was installed at start, for the sender's Hello. */
final class AgentInfo {
    private static volatile List<String> active = List.of();
    private static volatile AgentConfig config;

    private AgentInfo() {
    }

    static void set(AgentConfig c, List<String> instrumentations) {
        config = c;
        active = List.copyOf(instrumentations);
    }

    static List<String> activeInstrumentations() {
        return active;
    }

    static AgentConfig config() {
        return config;
    }
}
