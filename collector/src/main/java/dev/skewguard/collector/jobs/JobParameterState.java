package dev.skewguard.collector.jobs;

import dev.skewguard.collector.params.EffectiveParameters;
import dev.skewguard.collector.params.ParametersReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A job's parameters on the collector: the {@link EffectiveParameters} its first Hello fixed, and the workers whose
 * Hello asked for another set afterwards (they are judged by the job's set, told so in a Notice, and listed in the
 * report). Guarded by the job's lock, like the rest of {@link Job}.
 */
public final class JobParameterState {
    /** Disagreeing worker instances listed in the report; further ones are only counted. */
    static final int MAX_LISTED = 16;

    private final EffectiveParameters effective;
    private final List<Map<String, Object>> disagreeing = new ArrayList<>();
    private final Set<String> toldInstances = new HashSet<>();
    private long disagreeingCount;

    JobParameterState(EffectiveParameters effective) {
        this.effective = Objects.requireNonNull(effective, "effective");
    }

    EffectiveParameters effective() {
        return effective;
    }

    /**
     * What an agent that asks for {@code requested} is told (one line; null: nothing): the values the rules file
     * locks, and, when its set differs from the one the job's first Hello fixed, that the job keeps that one.
     */
    String noteFor(Map<String, String> requested) {
        List<String> parts = new ArrayList<>();
        if (!requested.equals(effective.requested())) {
            parts.add("this worker asked for " + text(requested) + " but the job's first worker fixed its "
                    + "parameters with " + text(effective.requested()) + "; the job keeps "
                    + text(effectiveOf(requested.keySet())));
        } else {
            for (EffectiveParameters.Ignored ignored : effective.ignored()) {
                parts.add(ignored.parameter() + "=" + ignored.value() + " ignored: " + ignored.reason());
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** Records a Hello whose set differs from the job's (true if it does); under the job's lock. */
    boolean joined(String workerId, String instanceId, Map<String, String> requested) {
        if (requested.equals(effective.requested())) {
            return false;
        }
        disagreeingCount++;
        if (disagreeing.size() < MAX_LISTED && disagreeing.stream().noneMatch(d -> instanceId.equals(d.get(
                "instance_id")))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("worker_id", workerId);
            entry.put("instance_id", instanceId);
            entry.put("requested", new LinkedHashMap<>(requested));
            disagreeing.add(entry);
        }
        return true;
    }

    /** A line for an agent's Notice; {@code log}: the collector says it too (once per instance, a few instances). */
    public record Note(String text, boolean log) {
    }

    /** What the agent of {@code instanceId} that asks for {@code requested} is told, if anything. */
    Optional<Note> note(Map<String, String> requested, String instanceId) {
        String text = noteFor(requested);
        if (text == null) {
            return Optional.empty();
        }
        return Optional.of(new Note(text, toldInstances.size() < MAX_LISTED && toldInstances.add(instanceId)));
    }

    /** The report's {@code job_parameters}. */
    Map<String, Object> report() {
        return ParametersReport.of(effective, disagreeing, disagreeingCount);
    }

    private Map<String, Object> effectiveOf(Set<String> names) {
        Map<String, Object> values = new LinkedHashMap<>();
        effective.values().forEach((name, value) -> {
            if (names.contains(name) || effective.requested().containsKey(name)) {
                values.put(name, value);
            }
        });
        return values;
    }

    private static String text(Map<String, ?> values) {
        if (values.isEmpty()) {
            return "no parameters";
        }
        StringBuilder out = new StringBuilder();
        values.forEach((name, value) -> out.append(out.length() == 0 ? "" : ", ").append(name).append('=')
                .append(value));
        return out.toString();
    }
}
