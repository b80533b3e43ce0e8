package dev.skewguard.agent.instrumentation;

import dev.skewguard.agent.capture.Capture;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What the agent never looks at: JDK and agent classes, the bootstrap loader, and every class loader that cannot
 * see the agent's {@link Capture} (inlined advice there would fail with NoClassDefFoundError). Cheap: a name-prefix
 * test, then one cached lookup per class loader.
 */
public final class AgentIgnores {
    private static final String[] IGNORED_PREFIXES = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.skewguard.agent.", "org.junit.", "org.gradle.",
        "org.apache.maven.", "kotlin.", "scala.", "groovy.", "org.slf4j.", "ch.qos.logback.", "org.apache.logging.",
        "io.netty.", "com.fasterxml.jackson.", "com.google.", "io.grpc.", "net.bytebuddy.", "org.objectweb.asm."
    };
    private final Map<ClassLoader, Boolean> visible = new WeakHashMap<>();

    /** Whether the agent leaves the class {@code name} (binary name) of {@code loader} alone. */
    public boolean ignores(String name, ClassLoader loader) {
        if (loader == null) {
            return true;
        }
        for (String prefix : IGNORED_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return !seesAgent(loader);
    }

    private boolean seesAgent(ClassLoader loader) {
        synchronized (visible) {
            Boolean known = visible.get(loader);
            if (known != null) {
                return known;
            }
        }
        boolean sees;
        try {
            sees = Class.forName(Capture.class.getName(), false, loader) == Capture.class;
        } catch (Throwable t) {
            sees = false;
        }
        synchronized (visible) {
            visible.put(loader, sees);
        }
        return sees;
    }
}
