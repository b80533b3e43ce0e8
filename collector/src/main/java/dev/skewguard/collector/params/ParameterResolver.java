package dev.skewguard.collector.params;

import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.rule.InvalidParameterException;
import dev.skewguard.collector.rule.RuleParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides a job's {@link EffectiveParameters} when it starts, the same way in {@code serve} and {@code evaluate}: the
 * collector's options (its defaults for every job), replaced by the rules file entry matching the job id, replaced by
 * the job's own values where that entry lets the job set them. The rules may be swapped at any time (a reload): a
 * job resolved before keeps what it got. Thread-safe.
 */
public final class ParameterResolver {
    private final EffectiveParameters collector;
    private volatile ParameterRules rules;

    public ParameterResolver(RuleParameters collectorRule, Patience collectorPatience, ParameterRules rules) {
        this.collector = EffectiveParameters.ofCollector(collectorRule, collectorPatience);
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** The rules jobs that start from now on get. */
    public void rules(ParameterRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public ParameterRules rules() {
        return rules;
    }

    /**
     * The parameters of job {@code jobId} that asks for {@code requested} (name to value as text; empty: nothing).
     *
     * @throws InvalidParameterException naming the first requested parameter whose value is refused (checked whether
     *     or not the rules file locks it: a bad value is the job's mistake either way)
     */
    public EffectiveParameters resolve(String jobId, Map<String, String> requested) {
        for (Map.Entry<String, String> e : requested.entrySet()) {
            ParameterNames.check(e.getKey(), e.getValue());
        }
        Map<String, String> values = ParameterNames.asText(collector.rule(), collector.patience());
        Map<String, ParameterSource> sources = new LinkedHashMap<>(collector.sources());
        Optional<ParameterRules.Entry> entry = rules.entryFor(jobId);
        entry.ifPresent(matched -> matched.parameters().forEach((name, value) -> {
            values.put(name, value);
            sources.put(name, ParameterSource.RULES_FILE);
        }));
        List<EffectiveParameters.Ignored> ignored = new ArrayList<>();
        for (Map.Entry<String, String> e : requested.entrySet()) {
            String name = e.getKey();
            if (entry.isPresent() && !entry.get().jobMaySet(name)) {
                ignored.add(new EffectiveParameters.Ignored(name, e.getValue(), "locked by the collector's "
                        + entry.get().describe() + "; the job uses " + values.get(name)));
                continue;
            }
            values.put(name, e.getValue());
            sources.put(name, ParameterSource.JOB);
        }
        Map<String, String> ruleValues = new LinkedHashMap<>(values);
        ruleValues.remove(ParameterNames.PATIENCE_IMBALANCE);
        ruleValues.remove(ParameterNames.PATIENCE_MISPREDICTION);
        RuleParameters rule = RuleParameters.DEFAULTS.withProperties(ruleValues);
        Patience patience = new Patience(
                ParameterNames.patience(ParameterNames.PATIENCE_IMBALANCE, values.get(ParameterNames.PATIENCE_IMBALANCE)),
                ParameterNames.patience(ParameterNames.PATIENCE_MISPREDICTION,
                        values.get(ParameterNames.PATIENCE_MISPREDICTION)));
        return new EffectiveParameters(rule, patience, sources,
                entry.map(ParameterRules.Entry::jobs).orElse(List.of()), requested, ignored);
    }
}
