package dev.skewguard.agent.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which instrumentations instrumented at least one class: each instrumented class is credited to the
 * instrumentation whose type-name prefix it matches most closely. For the exit summary.
 */
public final class MatchedTypes {
    private final List<String[]> prefixes = new ArrayList<>();
    private final Set<String> matched = ConcurrentHashMap.newKeySet();
    private final Set<String> capturingNone = ConcurrentHashMap.newKeySet();

    /** Credits classes whose binary name starts with one of these prefixes to this instrumentation. */
    public synchronized void add(String instrumentation, Collection<String> typeNamePrefixes) {
        for (String prefix : typeNamePrefixes) {
            prefixes.add(new String[] {prefix, instrumentation});
        }
    }

    /** A class (binary name) was instrumented. */
    public void instrumented(String typeName) {
        String best = null;
        int bestLength = -1;
        synchronized (this) {
            for (String[] p : prefixes) {
                if (typeName.startsWith(p[0]) && p[0].length() > bestLength) {
                    best = p[1];
                    bestLength = p[0].length();
                }
            }
        }
        if (best != null) {
            matched.add(best);
        }
    }

    /** The type-name prefixes credited to this instrumentation. */
    public synchronized List<String> prefixesOf(String instrumentation) {
        List<String> of = new ArrayList<>();
        for (String[] p : prefixes) {
            if (p[1].equals(instrumentation)) {
                of.add(p[0]);
            }
        }
        return of;
    }

    public boolean matched(String instrumentation) {
        return matched.contains(instrumentation);
    }

    /** This instrumentation captures no batch itself (Spark's: the batches are XGBoost4J's); say no count for it. */
    public void capturesNone(String instrumentation) {
        capturingNone.add(instrumentation);
    }

    public boolean capturesBatches(String instrumentation) {
        return !capturingNone.contains(instrumentation);
    }
}
