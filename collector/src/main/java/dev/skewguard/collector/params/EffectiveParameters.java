package dev.skewguard.collector.params;

import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.rule.RuleParameters;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters a job is judged by, fixed when the job starts on the collector: the rule's, the patience, where each
 * came from, the rules file entry that matched (its job patterns; empty if none), what the job asked for and what of
 * that was ignored (locked by the rules file). Immutable and serializable (a state dir keeps it with the job).
 */
public record EffectiveParameters(RuleParameters rule, Patience patience, Map<String, ParameterSource> sources,
        List<String> rulesEntry, Map<String, String> requested, List<Ignored> ignored) implements Serializable {

    /** A value the job sent that does not apply, and why. */
    public record Ignored(String parameter, String value, String reason) implements Serializable {
    }

    public EffectiveParameters {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(patience, "patience");
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        rulesEntry = Collections.unmodifiableList(new ArrayList<>(rulesEntry));
        requested = Collections.unmodifiableMap(new LinkedHashMap<>(requested));
        ignored = Collections.unmodifiableList(new ArrayList<>(ignored));
    }

    /**
     * Parameters nobody but the collector set: each is {@link ParameterSource#DEFAULT} where it equals the seed's
     * default, else {@link ParameterSource#COLLECTOR} (also for a job restored from a state stored before sources).
     */
    public static EffectiveParameters ofCollector(RuleParameters rule, Patience patience) {
        Map<String, String> values = ParameterNames.asText(rule, patience);
        Map<String, String> defaults = ParameterNames.asText(RuleParameters.DEFAULTS, Patience.DEFAULTS);
        Map<String, ParameterSource> sources = new LinkedHashMap<>();
        values.forEach((name, value) -> sources.put(name,
                value.equals(defaults.get(name)) ? ParameterSource.DEFAULT : ParameterSource.COLLECTOR));
        return new EffectiveParameters(rule, patience, sources, List.of(), Map.of(), List.of());
    }

    /** Every parameter's value (Double, Integer, Boolean, String or Long), in {@link ParameterNames#ALL} order. */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>(rule.asMap());
        values.put(ParameterNames.PATIENCE_IMBALANCE, patience.imbalanceLabels());
        values.put(ParameterNames.PATIENCE_MISPREDICTION, patience.mispredictionLabels());
        return Collections.unmodifiableMap(values);
    }

    /** Where {@code name} came from. */
    public ParameterSource source(String name) {
        return sources.getOrDefault(name, ParameterSource.DEFAULT);
    }
}
