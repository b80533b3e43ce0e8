package dev.skewguard.collector.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The frameworks whose batches were counted, for the report's {@code frameworks}: what was actually captured, not
 * every instrumentation an agent enabled. A batch names its framework in its own field (agents that send it) or
 * in its tensor names, {@code <framework>/<mode>/labels} and {@code <framework>/<mode>/predictions}; a batch that
 * does neither (a program's own tensor names, an old agent) adds nothing. Bounded: at most {@link #MAX} names of
 * at most {@link #MAX_NAME_LENGTH} characters; further ones are not kept.
 */
public final class CapturedFrameworks {
    public static final int MAX = 16;
    public static final int MAX_NAME_LENGTH = 64;

    private CapturedFrameworks() {
    }

    /**
     * The framework {@code tensorName} names ({@code djl} of {@code djl/train/labels}), or null when it is not of
     * the form {@code <framework>/<mode>/labels} or {@code .../predictions}.
     */
    public static String fromTensorName(String tensorName) {
        String[] parts = tensorName.split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()
                || !(parts[2].equals("labels") || parts[2].equals("predictions"))) {
            return null;
        }
        return parts[0];
    }

    /** Adds {@code framework} to {@code frameworks} (kept in order of first sight) if it is new and fits the bounds. */
    public static void add(List<String> frameworks, String framework) {
        if (framework == null || framework.isEmpty() || framework.length() > MAX_NAME_LENGTH
                || frameworks.size() >= MAX || frameworks.contains(framework)) {
            return;
        }
        frameworks.add(framework);
    }

    /** Adds the frameworks the tensor names {@code names} name. */
    public static void addFromTensorNames(List<String> frameworks, Iterable<String> names) {
        for (String name : names) {
            add(frameworks, fromTensorName(name));
        }
    }

    /** A copy to hand out. */
    public static List<String> copy(List<String> frameworks) {
        return List.copyOf(new ArrayList<>(frameworks));
    }
}
