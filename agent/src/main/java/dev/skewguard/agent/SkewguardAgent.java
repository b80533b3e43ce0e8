package dev.skewguard.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.util.jar.JarFile;

/**
 * The agent's entry points: {@code -javaagent:skewguard-agent.jar[=options]} (premain) or attach to a running JVM
 * (agentmain). Before anything else it puts the agent's jar on the bootstrap class path, so that the agent's classes
 * (byte-buddy above all: about 800 classes set up on the training thread when a framework first loads) are loaded
 * by the JVM's own loader, which does not verify them. The jar keeps the classes that need a class loader of their
 * own (grpc-okhttp asks its loader for classes; the bootstrap loader is null) under {@code inst/}, out of that
 * loader's sight, and the sender loads them itself ({@code TransportLoader}). This class names no other class of the
 * agent until the jar is on that path, or the application's class loader would load them first; only
 * {@link AgentMain#start} is called, and only after.
 */
public final class SkewguardAgent {
    private SkewguardAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static void start(String args, Instrumentation inst, boolean attachedLate) {
        JarFile jar = null;
        try {
            jar = ownJar();
            // "inst/" is AgentJar.HIDDEN, written out: naming AgentJar here would load it from the wrong loader.
            if (jar != null && jar.getEntry("inst/") != null && bootstrapWanted(args)) {
                inst.appendToBootstrapClassLoaderSearch(jar);
            }
        } catch (Throwable t) {
            // The classes stay on the application's class path: a slower start, the same behaviour.
        }
        try {
            AgentMain.start(args, inst, jar, attachedLate);
        } catch (Throwable t) {
            System.err.println("[skewguard] WARN agent failed to start (" + t
                    + "); the application runs without it");
        }
    }

    /**
     * The {@code bootstrap} option, read here because it must be known before any other class of the agent loads:
     * from the agent argument, else {@code -Dskewguard.bootstrap}, else {@code SKEWGUARD_BOOTSTRAP}, as every option
     * is. Anything but a spelling of false keeps the default; the configuration says if a value is not a boolean.
     */
    static boolean bootstrapWanted(String args) {
        String value = null;
        if (args != null) {
            for (String piece : args.split(",")) {
                int eq = piece.indexOf('=');
                if (eq > 0 && piece.substring(0, eq).trim().equalsIgnoreCase("bootstrap")) {
                    value = piece.substring(eq + 1);
                }
            }
        }
        if (value == null) {
            value = System.getProperty("skewguard.bootstrap");
        }
        if (value == null) {
            value = System.getenv("SKEWGUARD_BOOTSTRAP");
        }
        if (value == null) {
            return true;
        }
        // The spellings of false the configuration accepts for every boolean option (ConfigLoader#parseBoolean).
        switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "false": case "off": case "no": case "0":
                return false;
            default:
                return true;
        }
    }

    /** The jar this class came from, or null if it did not come from one. */
    private static JarFile ownJar() throws Exception {
        URL location = SkewguardAgent.class.getProtectionDomain().getCodeSource().getLocation();
        if (location == null || !"file".equals(location.getProtocol())) {
            return null;
        }
        File file = new File(location.toURI());
        return file.isFile() ? new JarFile(file) : null;
    }
}
