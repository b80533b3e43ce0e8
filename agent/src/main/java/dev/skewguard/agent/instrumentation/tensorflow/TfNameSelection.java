package dev.skewguard.agent.instrumentation.tensorflow;

import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One pair of regexes and what they say about each tensor name: {@link #LABELS}, {@link #PREDICTIONS}, both or
 * neither, with search semantics, as the collector's rule matches them. A program uses a handful of names, so the
 * answers are kept per name (at most {@link #MAX_NAMES}; past that the cache starts over).
 */
public final class TfNameSelection {
    static final int LABELS = 1;
    static final int PREDICTIONS = 2;
    static final int MAX_NAMES = 1024;

    private final Pattern labels;
    private final Pattern predictions;
    private final String source;
    private final long version;
    private final ConcurrentHashMap<String, Integer> roles = new ConcurrentHashMap<>();

    /**
     * @param source  where the regexes came from, for lines a person reads ("the collector", "agent options")
     * @param version the announced regexes' version this selection was made from (0: not from the collector)
     */
    TfNameSelection(Pattern labels, Pattern predictions, String source, long version) {
        this.labels = labels;
        this.predictions = predictions;
        this.source = source;
        this.version = version;
    }

    /** {@link #LABELS} and/or {@link #PREDICTIONS}, or 0 when the name matches neither regex. */
    public int role(String name) {
        Integer known = roles.get(name);
        if (known != null) {
            return known;
        }
        int role = (labels.matcher(name).find() ? LABELS : 0) | (predictions.matcher(name).find() ? PREDICTIONS : 0);
        if (roles.size() >= MAX_NAMES) {
            roles.clear();
        }
        roles.put(name, role);
        return role;
    }

    String labelsRegex() {
        return labels.pattern();
    }

    String predictionsRegex() {
        return predictions.pattern();
    }

    String source() {
        return source;
    }

    long version() {
        return version;
    }
}
