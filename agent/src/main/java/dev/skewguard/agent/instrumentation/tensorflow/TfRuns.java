package dev.skewguard.agent.instrumentation.tensorflow;

import dev.skewguard.agent.ConsoleText;
import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.capture.TrainingWatch;
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
     * target operations, {@code selection} the regexes that selected its tensors. With {@code held} the run copied
     * every tensor that could be labels or predictions, before the collector said which names its rule reads: the
     * run is held until it has ({@link TfHeldRuns}), or selected now if the hold is over.
     */
    public static void finish(TfRun run, boolean hasTargets, TfNameSelection selection, boolean held) {
        RUNS.incrementAndGet();
        long step = hasTargets ? TRAINING_RUNS.incrementAndGet() : TRAINING_RUNS.get();
        if (hasTargets) {
            TrainingWatch.stepped(TensorflowInstrumentation.NAME);
        }
        CaptureMode mode = hasTargets ? CaptureMode.TRAIN : CaptureMode.EVAL;
        if (held && run != null) {
            if (!TfHeldRuns.INSTANCE.hold(run, mode, step)) {
                recordHeld(run, mode, step);
            }
            return;
        }
        record(run, mode, step, selection);
    }

    /** Records a run copied while the names were not known, as the names known now select its tensors. */
    static void recordHeld(TfRun run, CaptureMode mode, long step) {
        TfNameSelection selection = TfTensorNames.selection();
        record(run.reselect(selection), mode, step, selection);
    }

    private static void record(TfRun run, CaptureMode mode, long step, TfNameSelection selection) {
        if (lastUsed != selection) {
            lastUsed = selection;
        }
        int found = run == null ? 0 : run.record(mode, step);
        if ((found & TfNameSelection.LABELS) != 0) {
            RUNS_WITH_LABELS.incrementAndGet();
        }
        if ((found & TfNameSelection.PREDICTIONS) != 0) {
            RUNS_WITH_PREDICTIONS.incrementAndGet();
        }
    }

    /** What the agent advises when training runs and nothing is captured: the names it matches, and those seen. */
    static String whatToDo() {
        TfNameSelection selection = lastUsed != null ? lastUsed : TfTensorNames.selection();
        return "no Session run fed or fetched a tensor whose name matches labels_regex \""
                + ConsoleText.escape(selection.labelsRegex()) + "\" (from " + selection.source() + "; names fed and"
                + " fetched: " + seenNames() + "); feed or fetch the labels under a matching name, or set the"
                + " collector's --labels-regex (docs/frameworks/tensorflow.md)";
    }

    private static String seenNames() {
        List<String> seen;
        synchronized (SEEN) {
            seen = new ArrayList<>(SEEN);
        }
        StringBuilder names = new StringBuilder();
        for (String name : seen) {
            names.append(names.length() == 0 ? "" : ", ").append(ConsoleText.escape(name));
        }
        return seen.isEmpty() ? "none" : names.toString();
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
        String unanswered = TfHeldRuns.INSTANCE.whyUnanswered();
        if (unanswered != null) {
            TfNameSelection used = lastUsed != null ? lastUsed : TfTensorNames.selection();
            lines.add("tensorflow: the first Session runs were held for the collector's tensor names, but " + unanswered
                    + ", so they were sent by labels_regex \"" + ConsoleText.escape(used.labelsRegex()) + "\" from "
                    + used.source() + "; if the collector's --labels-regex differs, their labels were not counted"
                    + " (set tf_labels_regex to the collector's, or check that the collector is reachable)");
        }
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
        lines.add("tensorflow: nothing matched: none of " + runs + " Session runs fed or fetched a tensor whose name"
                + " matches labels_regex \"" + ConsoleText.escape(selection.labelsRegex()) + "\" (from "
                + selection.source() + "; names fed and fetched: " + seenNames()
                + "), so nothing was sent; feed or fetch the labels under a matching name, or set the collector's"
                + " --labels-regex (tf_labels_regex with a collector that does not announce it)");
        return lines;
    }
}
