package dev.skewguard.agent.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The job's own rule parameters, as agent options with the seed's names ({@code threshold_imbalance=50}, ...), sent to
 * the collector in Hello.parameters. Each value is checked here as the collector would check it, so that a mistake is
 * one warning line at start (the option is then not sent) rather than a Hello the collector refuses.
 */
public final class JobParameterOptions {
    /** The option names, in the order the collector's reports list them. */
    public static final List<String> NAMES = List.of("threshold_imbalance", "threshold_misprediction", "samples",
            "argmax", "labels_regex", "predictions_regex", "window", "num_classes", "patience_imbalance",
            "patience_misprediction");

    private JobParameterOptions() {
    }

    /**
     * The value to send, normalized (numbers parsed and printed back, booleans lower case).
     *
     * @throws IllegalArgumentException saying what the parameter takes
     */
    static String check(String name, String value) {
        switch (name) {
            case "threshold_imbalance": {
                double d = parseDouble(value, "a number of at least 1 (largest / smallest class count)");
                if (!(d >= 1) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("expected a number of at least 1 (largest / smallest class "
                            + "count)");
                }
                return Double.toString(d);
            }
            case "threshold_misprediction": {
                double d = parseDouble(value, "a fraction from 0 to 1");
                if (!(d >= 0 && d <= 1)) {
                    throw new IllegalArgumentException("expected a fraction from 0 to 1");
                }
                return Double.toString(d);
            }
            case "samples":
                return Long.toString(ConfigLoader.parseLong(value, 1, Integer.MAX_VALUE));
            case "window":
            case "num_classes":
                return Long.toString(ConfigLoader.parseLong(value, 0, Integer.MAX_VALUE));
            case "patience_imbalance":
            case "patience_misprediction":
                return Long.toString(ConfigLoader.parseLong(value, 0, Long.MAX_VALUE));
            case "argmax":
                return Boolean.toString(ConfigLoader.parseBoolean(value));
            case "labels_regex":
            case "predictions_regex":
                try {
                    Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("not a Java regular expression ("
                            + e.getDescription().toLowerCase(Locale.ROOT) + " near index " + e.getIndex() + ")");
                }
                return value;
            default:
                throw new IllegalArgumentException("not a rule parameter");
        }
    }

    private static double parseDouble(String value, String expected) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + expected);
        }
    }
}
