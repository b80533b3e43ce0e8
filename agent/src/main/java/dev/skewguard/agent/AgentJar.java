package dev.skewguard.agent;

import java.io.InputStream;
import java.util.jar.JarFile;

/**
 * The jar the agent runs from, and its resources whatever loader defined the agent's classes: from the jar they are
 * the bootstrap loader's (null), whose resources only {@link ClassLoader#getSystemResourceAsStream} reaches.
 */
public final class AgentJar {
    /** The directory of the jar whose classes the sender's own loader defines ({@code TransportLoader}). */
    public static final String HIDDEN = "inst/";
    private static volatile JarFile jar;

    private AgentJar() {
    }

    static void set(JarFile agentJar) {
        jar = agentJar;
    }

    /** The agent's jar, or null when the agent's classes do not come from one (tests). */
    public static JarFile get() {
        return jar;
    }

    /** One of the agent's resources, or null. */
    public static InputStream resource(String name) {
        ClassLoader own = AgentJar.class.getClassLoader();
        return own != null ? own.getResourceAsStream(name) : ClassLoader.getSystemResourceAsStream(name);
    }

    /** The Implementation-Version of the jar's manifest, or null. */
    static String version() {
        JarFile agentJar = jar;
        try {
            if (agentJar != null && agentJar.getManifest() != null) {
                return agentJar.getManifest().getMainAttributes().getValue("Implementation-Version");
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no version to say
        }
        return null;
    }
}
