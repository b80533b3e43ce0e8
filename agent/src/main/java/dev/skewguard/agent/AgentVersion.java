package dev.skewguard.agent;

import dev.skewguard.agent.config.AgentConfig;
import java.util.List;

/** The agent's version (from the jar manifest) and its start-up line. */
public final class AgentVersion {
    private AgentVersion() {
    }

    public static String version() {
        String v = AgentJar.version();
        if (v == null) {
            v = AgentVersion.class.getPackage().getImplementationVersion();
        }
        return v == null ? "dev" : v;
    }

    /** The start-up line; an agent attached to a running JVM says that it sees only what follows. */
    static void announce(AgentConfig config, List<String> active, boolean attachedLate) {
        AgentLog.info("agent " + version() + " attached: job=" + config.job()
                + (config.worker() == null ? "" : " worker=" + config.worker())
                + " collector=" + config.endpoint()
                + (config.security().tls() || config.security().token() != null
                        ? " (" + config.security() + ")" : "")
                + " instrumentations=" + (active.isEmpty() ? "none" : String.join(",", active))
                + " on_stop=" + config.onStop().name().toLowerCase(java.util.Locale.ROOT)
                + (attachedLate ? " (to a running JVM: it captures the batches from now on)" : ""));
    }
}
