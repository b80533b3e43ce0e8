package dev.skewguard.agent.instrumentation.tensorflow;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.ConsoleText;
import dev.skewguard.agent.config.AgentConfig;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The TensorFlow instrumentation's own options, {@code tf_labels_regex} and {@code tf_predictions_regex}: which fed
 * and fetched tensors to send until the collector announces the job's regexes in its Welcome (and for good with a
 * collector that does not). Their defaults are the collector's, {@code .*labels} and {@code .*predictions}. Like
 * every agent option they come from the agent argument, the system property ({@code skewguard.tf_labels_regex}) or
 * the environment variable ({@code SKEWGUARD_TF_LABELS_REGEX}), in that order.
 */
final class TfOptions {
    static final String LABELS_KEY = "tf_labels_regex";
    static final String PREDICTIONS_KEY = "tf_predictions_regex";
    static final String DEFAULT_LABELS = ".*labels";
    static final String DEFAULT_PREDICTIONS = ".*predictions";

    private TfOptions() {
    }

    /** The selection from the options (or the defaults); a regex that does not compile is warned about. */
    static TfNameSelection selection(AgentConfig config) {
        boolean given = config.instrumentationOption(LABELS_KEY).isPresent()
                || config.instrumentationOption(PREDICTIONS_KEY).isPresent();
        Pattern labels = compile(config.instrumentationOption(LABELS_KEY).orElse(null),
                config.instrumentationOptionSource(LABELS_KEY), DEFAULT_LABELS);
        Pattern predictions = compile(config.instrumentationOption(PREDICTIONS_KEY).orElse(null),
                config.instrumentationOptionSource(PREDICTIONS_KEY), DEFAULT_PREDICTIONS);
        return new TfNameSelection(labels, predictions, given ? "agent options" : "the agent's defaults", 0);
    }

    static Pattern compile(String value, String where, String fallback) {
        if (value == null || value.isEmpty()) {
            return Pattern.compile(fallback);
        }
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            AgentLog.warn("ignored " + where + "=" + ConsoleText.escape(value) + ": not a Java regular expression ("
                    + ConsoleText.escape(e.getDescription()) + "); using " + fallback);
            return Pattern.compile(fallback);
        }
    }
}
