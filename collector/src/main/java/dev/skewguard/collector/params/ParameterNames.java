package dev.skewguard.collector.params;

import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.rule.InvalidParameterException;
import dev.skewguard.collector.rule.RuleParameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters a job, the rules file and evaluate name: the rule's eight ({@link RuleParameters#NAMES}) and the stop
 * decision's two patiences, with their checks on text values.
 */
public final class ParameterNames {
    public static final String PATIENCE_IMBALANCE = "patience_imbalance";
    public static final String PATIENCE_MISPREDICTION = "patience_misprediction";

    /** Every name, in the order reports list them: the rule's, then the patiences. */
    public static final List<String> ALL;

    static {
        List<String> all = new ArrayList<>(RuleParameters.NAMES);
        all.add(PATIENCE_IMBALANCE);
        all.add(PATIENCE_MISPREDICTION);
        ALL = Collections.unmodifiableList(all);
    }

    private ParameterNames() {
    }

    /**
     * Checks one value as its parameter would take it.
     *
     * @throws InvalidParameterException naming the parameter (unknown name, or a value its parameter refuses)
     */
    public static void check(String name, String value) {
        if (!ALL.contains(name)) {
            throw new InvalidParameterException(name, value, "unknown parameter (known: " + String.join(", ", ALL)
                    + ")");
        }
        if (isPatience(name)) {
            patience(name, value);
        } else {
            RuleParameters.DEFAULTS.withProperties(Map.of(name, value));
        }
    }

    static boolean isPatience(String name) {
        return name.equals(PATIENCE_IMBALANCE) || name.equals(PATIENCE_MISPREDICTION);
    }

    /** A patience in labels: a whole number >= 0. */
    static long patience(String name, String value) {
        long labels;
        try {
            labels = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, value, "not a whole number of labels");
        }
        if (labels < 0) {
            throw new InvalidParameterException(name, value, "must not be negative");
        }
        return labels;
    }

    /** Every parameter's value as text, in {@link #ALL} order. */
    static Map<String, String> asText(RuleParameters rule, Patience patience) {
        Map<String, String> text = new LinkedHashMap<>();
        rule.asMap().forEach((name, value) -> text.put(name, String.valueOf(value)));
        text.put(PATIENCE_IMBALANCE, Long.toString(patience.imbalanceLabels()));
        text.put(PATIENCE_MISPREDICTION, Long.toString(patience.mispredictionLabels()));
        return text;
    }
}
