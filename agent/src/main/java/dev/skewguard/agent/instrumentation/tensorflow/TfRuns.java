package dev.skewguard.agent.instrumentation.tensorflow;

import dev.skewguard.agent.ConsoleText;
import dev.skewguard.agent.capture.CaptureMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the Session-run advice hands over at the end of each run, and what the agent says at exit. Mode: a run with
 * at least one target operation (what an optimizer's {@code minimize} returns, run for its effect) is a training
 * step; a run without targets is evaluation. The step of a batch is the number of training runs so far.
 */
public final class TfRuns {
    /** Names kept for the exit line when nothing matched. */
    static final int MAX_SEEN_NAMES = 8;

    private static final AtomicLong TRAINING_RUNS = new AtomicLong();
    private static final AtomicLong RUNS = new AtomicLong();
    private static final AtomicLong RUNS_WITH_LABELS = new AtomicLong();
    private static final AtomicLong RUNS_WITH_PREDICTIONS = new AtomicLong();
    private static final Set<String> SEEN = new LinkedHashSet<>();
    private static volatile boolean seenFull;
    /** The regexes the latest run was selected by (what the exit line names). */
    private static volatile TfNameSelection lastUsed;

    private TfRuns() {
    }

    /**
     * One run ended: {@code run} holds its matched tensors (null if none matched), {@code hasTargets} whether it ran
     * target operations, {@code selection} the regexes that selected its tensors.
     */
    public static void finish(TfRun run, boolean hasTargets, TfNameSelection selection) {
        RUNS.incrementAndGet();
        if (lastUsed != selection) {
            lastUsed = selection;
        }
        long step = hasTargets ? TRAINING_RUNS.incrementAndGet() : TRAINING_RUNS.get();
        int found = run == null ? 0 : run.record(hasTargets ? CaptureMode.TRAIN : CaptureMode.EVAL, step);
        if ((found & TfNameSelection.LABELS) != 0) {
            RUNS_WITH_LABELS.incrementAndGet();
        }
        if ((found & TfNameSelection.PREDICTIONS) != 0) {
            RUNS_WITH_PREDICTIONS.incrementAndGet();
        }
    }

    /** Notes a fed or fetched name that matched no regex, for the exit line (the first few only). */
    public static void unmatched(String name) {
        if (seenFull || RUNS_WITH_LABELS.get() > 0) {
            return;
        }
        synchronized (SEEN) {
            SEEN.add(name);
            seenFull = SEEN.size() >= MAX_SEEN_NAMES;
        }
    }

    /**
     * One line if runs happened and none had a tensor matching the labels regex (nothing was sent), or none whose
     * labels came with a tensor matching the predictions regex (labels only: the misprediction check has nothing);
     * else none.
     */
    static List<String> exitWarnings() {
        long runs = RUNS.get();
        List<String> lines = new ArrayList<>();
        if (runs == 0 || RUNS_WITH_PREDICTIONS.get() > 0) {
            return lines;
        }
        TfNameSelection selection = lastUsed != null ? lastUsed : TfTensorNames.selection();
        if (RUNS_WITH_LABELS.get() > 0) {
            lines.add("tensorflow: labels only: no Session run with labels fed or fetched a tensor whose name matches"
                    + " predictions_regex \"" + ConsoleText.escape(selection.predictionsRegex()) + "\" (from "
                    + selection.source() + "), so the collector checks imbalance but not mispredictions; fetch the"
                    + " predictions in the same run under a matching name, or set the collector's --predictions-regex");
            return lines;
        }
        List<String> seen;
        synchronized (SEEN) {
            seen = new ArrayList<>(SEEN);
        }
        StringBuilder names = new StringBuilder();
        for (String name : seen) {
            names.append(names.length() == 0 ? "" : ", ").append(ConsoleText.escape(name));
        }
        lines.add("tensorflow: nothing matched: none of " + runs + " Session runs fed or fetched a tensor whose name"
                + " matches labels_regex \"" + ConsoleText.escape(selection.labelsRegex()) + "\" (from "
                + selection.source() + "; names fed and fetched: " + (seen.isEmpty() ? "none" : names)
                + "), so nothing was sent; feed or fetch the labels under a matching name, or set the collector's"
                + " --labels-regex (tf_labels_regex with a collector that does not announce it)");
        return lines;
    }
}
