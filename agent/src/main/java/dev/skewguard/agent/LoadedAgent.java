package dev.skewguard.agent;

import dev.skewguard.agent.config.AgentConfig;

/**
 * How the agent came into this JVM: with the JVM ({@code -javaagent}) or attached to it while it ran (agentmain:
 * {@code java -jar skewguard-agent.jar attach}, {@code jcmd JVMTI.agent_load}, the Attach API), when it sees only
 * the batches after the attach. The agent says so in a system property of the JVM ({@link #PROPERTY}), which the
 * jar's {@code list} and {@code attach} commands read through the Attach API: which JVMs already have it, and that
 * an attach took. The property is outside the {@code skewguard.} prefix, so the agent never reads it as an option.
 */
public final class LoadedAgent {
    /** {@code attached job=<job> collector=<endpoint>}, or {@code at start ...} for -javaagent. */
    public static final String PROPERTY = "dev.skewguard.agent.loaded";
    /** The property's first words for an agent attached to a running JVM. */
    public static final String ATTACHED = "attached";
    /** The property's first words for an agent started with the JVM. */
    public static final String AT_START = "at start";
    private static volatile boolean attached;

    private LoadedAgent() {
    }

    /** Records how the agent was loaded and with which job and collector (once its options are read). */
    static void loaded(boolean attachedLate, AgentConfig config) {
        attached = attachedLate;
        try {
            System.setProperty(PROPERTY, (attachedLate ? ATTACHED : AT_START) + " job=" + config.job()
                    + " collector=" + config.endpoint());
        } catch (Throwable t) {
            // a security manager may refuse: only the commands' view of this JVM is lost
        }
    }

    /** True when the agent was attached to this JVM while it ran (Hello.attached). */
    public static boolean attached() {
        return attached;
    }
}
