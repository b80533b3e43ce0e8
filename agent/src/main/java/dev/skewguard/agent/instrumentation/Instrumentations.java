package dev.skewguard.agent.instrumentation;

import dev.skewguard.agent.AgentLog;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/** Finds the instrumentations listed in META-INF/services; one that fails to load is skipped with one line. */
public final class Instrumentations {
    private Instrumentations() {
    }

    public static List<Instrumentation> load(ClassLoader loader) {
        List<Instrumentation> found = new ArrayList<>();
        Iterator<Instrumentation> it = ServiceLoader.load(Instrumentation.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                AgentLog.warn("skipped an instrumentation that failed to load: " + AgentLog.describe(e));
            }
        }
        return found;
    }

    public static Set<String> names(List<Instrumentation> instrumentations) {
        Set<String> names = new LinkedHashSet<>();
        for (Instrumentation i : instrumentations) {
            names.add(i.name());
        }
        return names;
    }

    /** The option keys every instrumentation declares ({@link Instrumentation#optionKeys()}). */
    public static Set<String> optionKeys(List<Instrumentation> instrumentations) {
        Set<String> keys = new LinkedHashSet<>();
        for (Instrumentation i : instrumentations) {
            keys.addAll(i.optionKeys());
        }
        return keys;
    }
}
