package dev.skewguard.collector.rule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The ClassImbalance rule's parameters: the six of SageMaker Debugger's rule, with its names and defaults, plus two
 * extensions (window, num_classes) that are off by default. Immutable; every instance is valid.
 */
public final class RuleParameters implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final String THRESHOLD_IMBALANCE = "threshold_imbalance";
    public static final String THRESHOLD_MISPREDICTION = "threshold_misprediction";
    public static final String SAMPLES = "samples";
    public static final String ARGMAX = "argmax";
    public static final String LABELS_REGEX = "labels_regex";
    public static final String PREDICTIONS_REGEX = "predictions_regex";
    public static final String WINDOW = "window";
    public static final String NUM_CLASSES = "num_classes";

    /** Every parameter name, in the order reports list them. */
    public static final List<String> NAMES = List.of(THRESHOLD_IMBALANCE, THRESHOLD_MISPREDICTION, SAMPLES, ARGMAX,
            LABELS_REGEX, PREDICTIONS_REGEX, WINDOW, NUM_CLASSES);

    /** The seed's defaults: threshold_imbalance 10, threshold_misprediction 0.7, samples 500, argmax false, ... */
    public static final RuleParameters DEFAULTS = new Builder().build();

    private final double thresholdImbalance;
    private final double thresholdMisprediction;
    private final int samples;
    private final boolean argmax;
    private final Pattern labelsPattern;
    private final Pattern predictionsPattern;
    private final int window;
    private final int numClasses;

    private RuleParameters(Builder b) {
        this.thresholdImbalance = b.thresholdImbalance;
        this.thresholdMisprediction = b.thresholdMisprediction;
        this.samples = b.samples;
        this.argmax = b.argmax;
        this.labelsPattern = compile(LABELS_REGEX, b.labelsRegex);
        this.predictionsPattern = compile(PREDICTIONS_REGEX, b.predictionsRegex);
        this.window = b.window;
        this.numClasses = b.numClasses;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this instance's values. */
    public Builder toBuilder() {
        return new Builder().thresholdImbalance(thresholdImbalance).thresholdMisprediction(thresholdMisprediction)
                .samples(samples).argmax(argmax).labelsRegex(labelsRegex()).predictionsRegex(predictionsRegex())
                .window(window).numClasses(numClasses);
    }

    /**
     * Parameters from text values keyed by the seed's snake_case names (as in a properties file); missing names keep
     * their defaults.
     *
     * @throws InvalidParameterException for an unknown name or a value that is not valid for its parameter
     */
    public static RuleParameters fromProperties(Map<String, String> properties) {
        return DEFAULTS.withProperties(properties);
    }

    /** These parameters with the given text values (snake_case names) replacing theirs. */
    public RuleParameters withProperties(Map<String, String> properties) {
        Builder b = toBuilder();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String name = e.getKey().trim();
            String value = Objects.requireNonNull(e.getValue(), name).trim();
            switch (name) {
                case THRESHOLD_IMBALANCE: b.thresholdImbalance(parseDouble(name, value)); break;
                case THRESHOLD_MISPREDICTION: b.thresholdMisprediction(parseDouble(name, value)); break;
                case SAMPLES: b.samples(parseInt(name, value)); break;
                case ARGMAX: b.argmax(parseBoolean(name, value)); break;
                case LABELS_REGEX: b.labelsRegex(value); break;
                case PREDICTIONS_REGEX: b.predictionsRegex(value); break;
                case WINDOW: b.window(parseInt(name, value)); break;
                case NUM_CLASSES: b.numClasses(parseInt(name, value)); break;
                default:
                    throw new InvalidParameterException(name, value,
                            "unknown parameter (known: " + String.join(", ", NAMES) + ")");
            }
        }
        return b.build();
    }

    /** snake_case name to value (Double, Integer, Boolean or String), in {@link #NAMES} order, for reports. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(THRESHOLD_IMBALANCE, thresholdImbalance);
        map.put(THRESHOLD_MISPREDICTION, thresholdMisprediction);
        map.put(SAMPLES, samples);
        map.put(ARGMAX, argmax);
        map.put(LABELS_REGEX, labelsRegex());
        map.put(PREDICTIONS_REGEX, predictionsRegex());
        map.put(WINDOW, window);
        map.put(NUM_CLASSES, numClasses);
        return Collections.unmodifiableMap(map);
    }

    public double thresholdImbalance() {
        return thresholdImbalance;
    }

    public double thresholdMisprediction() {
        return thresholdMisprediction;
    }

    public int samples() {
        return samples;
    }

    public boolean argmax() {
        return argmax;
    }

    public String labelsRegex() {
        return labelsPattern.pattern();
    }

    public String predictionsRegex() {
        return predictionsPattern.pattern();
    }

    /** labels_regex, compiled; match with {@code matcher(name).find()} (search semantics). */
    public Pattern labelsPattern() {
        return labelsPattern;
    }

    /** predictions_regex, compiled; match with {@code matcher(name).find()} (search semantics). */
    public Pattern predictionsPattern() {
        return predictionsPattern;
    }

    /** 0: cumulative; N > 0: the misprediction check uses each class's last N labels. */
    public int window() {
        return window;
    }

    /** 0: the classes seen take part; C > 0: classes 0..C-1 all take part. */
    public int numClasses() {
        return numClasses;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleParameters && asMap().equals(((RuleParameters) o).asMap());
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        return "RuleParameters" + asMap();
    }

    private static Pattern compile(String name, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidParameterException(name, regex,
                    "not a regular expression (" + e.getDescription() + " near index " + e.getIndex() + ")");
        }
    }

    private static double parseDouble(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, value, "not a number");
        }
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, value, "not an integer");
        }
    }

    private static boolean parseBoolean(String name, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true": return true;
            case "false": return false;
            default: throw new InvalidParameterException(name, value, "not a boolean (true or false)");
        }
    }

    /** Builds {@link RuleParameters}; each setter refuses an invalid value at once. */
    public static final class Builder {
        private double thresholdImbalance = 10;
        private double thresholdMisprediction = 0.7;
        private int samples = 500;
        private boolean argmax = false;
        private String labelsRegex = ".*labels";
        private String predictionsRegex = ".*predictions";
        private int window = 0;
        private int numClasses = 0;

        private Builder() {
        }

        /** At least 1 (finite). */
        public Builder thresholdImbalance(double value) {
            if (!(value >= 1) || Double.isInfinite(value)) {
                throw new InvalidParameterException(THRESHOLD_IMBALANCE, Double.toString(value),
                        "must be a finite number of at least 1");
            }
            this.thresholdImbalance = value;
            return this;
        }

        /** Between 0 and 1, inclusive. */
        public Builder thresholdMisprediction(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new InvalidParameterException(THRESHOLD_MISPREDICTION, Double.toString(value),
                        "must be between 0 and 1");
            }
            this.thresholdMisprediction = value;
            return this;
        }

        /** At least 1. */
        public Builder samples(int value) {
            if (value < 1) {
                throw new InvalidParameterException(SAMPLES, Integer.toString(value), "must be at least 1");
            }
            this.samples = value;
            return this;
        }

        public Builder argmax(boolean value) {
            this.argmax = value;
            return this;
        }

        /** A java.util.regex pattern, matched anywhere in a tensor's name. */
        public Builder labelsRegex(String value) {
            compile(LABELS_REGEX, Objects.requireNonNull(value, LABELS_REGEX));
            this.labelsRegex = value;
            return this;
        }

        /** A java.util.regex pattern, matched anywhere in a tensor's name. */
        public Builder predictionsRegex(String value) {
            compile(PREDICTIONS_REGEX, Objects.requireNonNull(value, PREDICTIONS_REGEX));
            this.predictionsRegex = value;
            return this;
        }

        /** 0 or more. */
        public Builder window(int value) {
            if (value < 0) {
                throw new InvalidParameterException(WINDOW, Integer.toString(value), "must not be negative");
            }
            this.window = value;
            return this;
        }

        /** 0 or more. */
        public Builder numClasses(int value) {
            if (value < 0) {
                throw new InvalidParameterException(NUM_CLASSES, Integer.toString(value), "must not be negative");
            }
            this.numClasses = value;
            return this;
        }

        public RuleParameters build() {
            return new RuleParameters(this);
        }
    }
}
