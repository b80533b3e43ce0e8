package dev.skewguard.agent.instrumentation.tensorflow;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.ConsoleText;
import dev.skewguard.agent.capture.AnnouncedRegexes;
import dev.skewguard.agent.capture.Capture;
import java.util.regex.Pattern;

/**
 * Which tensor names the advice sends: those the collector's rule will match. Once the collector announced the
 * job's regexes (Welcome), those; before that, and with a collector that does not announce them, the agent's options
 * {@code tf_labels_regex} / {@code tf_predictions_regex} or their defaults ({@link TfOptions}). The first run
 * connects the sender (not only the first batch), so that the Welcome comes even when only the collector's regexes
 * match; runs before it arrives are held ({@link TfHeldRuns}) and selected once it has. One volatile read per run
 * when nothing changed.
 */
public final class TfTensorNames {
    private static volatile TfNameSelection fromOptions = new TfNameSelection(
            Pattern.compile(TfOptions.DEFAULT_LABELS), Pattern.compile(TfOptions.DEFAULT_PREDICTIONS),
            "the agent's defaults", 0);
    private static volatile TfNameSelection current = fromOptions;
    private static volatile long refusedVersion;
    private static volatile boolean senderStarted;

    private TfTensorNames() {
    }

    static void useOptions(TfNameSelection selection) {
        fromOptions = selection;
        current = selection;
    }

    /** The selection to use for this run: the collector's regexes as soon as it announced them. */
    public static TfNameSelection selection() {
        TfNameSelection selection = current;
        AnnouncedRegexes.Pair announced = AnnouncedRegexes.current();
        if (announced.version() == selection.version() || announced.version() == refusedVersion) {
            if (!senderStarted) {
                senderStarted = true;
                Capture.startSender(); // connect on the first run: the Welcome says which names to send
            }
            return selection;
        }
        return adopt(announced);
    }

    private static synchronized TfNameSelection adopt(AnnouncedRegexes.Pair announced) {
        TfNameSelection was = current;
        if (announced.version() == was.version() || announced.version() == refusedVersion) {
            return was;
        }
        try {
            Pattern labels = fromCollector(announced.labels(), was, true);
            Pattern predictions = fromCollector(announced.predictions(), was, false);
            TfNameSelection next = new TfNameSelection(labels, predictions, "the collector", announced.version());
            if (!next.labelsRegex().equals(was.labelsRegex()) || !next.predictionsRegex().equals(was.predictionsRegex())) {
                AgentLog.info("tensorflow: sending the tensors the collector's rule matches: labels_regex \""
                        + ConsoleText.escape(next.labelsRegex()) + "\", predictions_regex \""
                        + ConsoleText.escape(next.predictionsRegex()) + "\" (instead of \"" + ConsoleText.escape(was.labelsRegex())
                        + "\", \"" + ConsoleText.escape(was.predictionsRegex()) + "\" from " + was.source() + ")");
            }
            current = next;
            countRunsSentByOtherNames(was, next);
            return next;
        } catch (IllegalArgumentException e) { // PatternSyntaxException too
            refusedVersion = announced.version();
            AgentLog.warn("tensorflow: the collector's regexes cannot be used here (" + ConsoleText.escape(e.getMessage())
                    + "); keeping \"" + ConsoleText.escape(was.labelsRegex()) + "\", \""
                    + ConsoleText.escape(was.predictionsRegex()) + "\" from " + was.source());
            return was;
        }
    }

    /**
     * Runs released before the collector answered were selected by {@code was}; if the collector's regexes differ,
     * the rule does not read what they sent: they are counted as dropped, and said once.
     */
    private static void countRunsSentByOtherNames(TfNameSelection was, TfNameSelection next) {
        if (next.labelsRegex().equals(was.labelsRegex()) && next.predictionsRegex().equals(was.predictionsRegex())) {
            return;
        }
        long lost = TfHeldRuns.INSTANCE.takeReleasedUnanswered();
        if (lost > 0) {
            Capture.countLost(TensorflowInstrumentation.NAME, lost);
            AgentLog.warn("tensorflow: " + lost + " Session runs ran before the collector answered and were sent by"
                    + " the names from " + was.source() + ", not the collector's: they are counted as dropped (set"
                    + " tf_labels_regex and tf_predictions_regex to the collector's regexes)");
        }
    }

    private static Pattern fromCollector(String regex, TfNameSelection was, boolean labels) {
        if (regex.isEmpty()) {
            return Pattern.compile(labels ? was.labelsRegex() : was.predictionsRegex());
        }
        if (regex.length() > AnnouncedRegexes.MAX_LENGTH) {
            throw new IllegalArgumentException("a regex of " + regex.length() + " characters, above "
                    + AnnouncedRegexes.MAX_LENGTH);
        }
        return Pattern.compile(regex);
    }
}
