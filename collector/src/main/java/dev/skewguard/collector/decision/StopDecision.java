package dev.skewguard.collector.decision;

import dev.skewguard.collector.rule.Checked;
import dev.skewguard.collector.rule.ClassImbalanceRule;
import dev.skewguard.collector.rule.Finding;
import dev.skewguard.collector.rule.Headroom;
import dev.skewguard.collector.rule.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides when to act on a job's {@link ClassImbalanceRule}: once one of its checks has held over its
 * {@link Patience}, not on the first trigger alone (a model that has not learned yet mispredicts every class).
 *
 * <p>"Held" is judged per mode and per check, record by record, on the rule's own checks (the rule and its first
 * trigger are unchanged): a check starts a span after the first record of a mode after which it fires; the span
 * grows while the check fires after every further record of that mode; after a record of that mode after which it
 * does not fire, the span ends and the decision starts again from zero. Records of other modes, and records the rule
 * did not count or checked below its samples gate, change nothing. The decision is reached after the first record at
 * which a span has counted at least its check's patience in labels of its mode (a patience of 0: on the record that
 * started it); it is taken once per job and never revoked.
 *
 * <p>Feed it after every {@link ClassImbalanceRule#accept}: {@link #afterRecord()}. Not thread-safe.
 */
public final class StopDecision {
    private static final int IMBALANCE = 0;
    private static final int MISPREDICTION = 1;
    private static final String[] CHECKS = {Finding.IMBALANCE, Finding.MISPREDICTION};

    private final ClassImbalanceRule rule;
    private final Patience patience;
    /** Per mode and check: the record a span started after, or null. */
    private final Checked[][] open = new Checked[Mode.values().length][2];
    private final long[] lastLabels = new long[Mode.values().length];
    private Decision decision;
    private long resets;

    public StopDecision(ClassImbalanceRule rule, Patience patience) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.patience = Objects.requireNonNull(patience, "patience");
    }

    /** Everything the decision has seen so far (see {@link #state()}). Serializable. */
    public record State(Patience patience, Checked[][] open, long[] lastLabels, Decision decision, long resets)
            implements java.io.Serializable {
    }

    /** A copy of the decision's state, to store beside the rule's {@link ClassImbalanceRule#state()}. */
    public State state() {
        Checked[][] openCopy = new Checked[open.length][];
        for (int i = 0; i < open.length; i++) {
            openCopy[i] = open[i].clone();
        }
        return new State(patience, openCopy, lastLabels.clone(), decision, resets);
    }

    /** A decision over {@code rule} (restored with it) that continues from {@code state} as the original would. */
    public static StopDecision restore(ClassImbalanceRule rule, State state) {
        StopDecision restored = new StopDecision(rule, state.patience());
        int modes = Math.min(restored.open.length, state.open().length);
        for (int i = 0; i < modes; i++) {
            System.arraycopy(state.open()[i], 0, restored.open[i], 0, 2);
            restored.lastLabels[i] = state.lastLabels()[i];
        }
        restored.decision = state.decision();
        restored.resets = state.resets();
        return restored;
    }

    /** What one record changed: spans started, spans ended (the decision reset), the decision if reached now. */
    public record Update(List<Span> started, List<Span> ended, Optional<Decision> decided) {
        static final Update NOTHING = new Update(List.of(), List.of(), Optional.empty());
    }

    /** Takes the rule's checks after the record it was just given. */
    public Update afterRecord() {
        Optional<Checked> last = rule.lastChecked();
        if (decision != null || last.isEmpty()) {
            return Update.NOTHING;
        }
        Checked checked = last.get();
        int mode = checked.mode().ordinal();
        lastLabels[mode] = checked.labels();
        List<Span> started = List.of();
        List<Span> ended = List.of();
        List<String> held = new ArrayList<>(2);
        Checked heldSince = null;
        for (int check = IMBALANCE; check <= MISPREDICTION; check++) {
            boolean fired = check == IMBALANCE ? checked.imbalance() : checked.misprediction();
            Checked since = open[mode][check];
            if (!fired) {
                if (since != null) {
                    ended = add(ended, span(check, since, checked.labels()));
                    open[mode][check] = null;
                    resets++;
                }
                continue;
            }
            if (since == null) {
                since = open[mode][check] = checked;
                started = add(started, span(check, since, checked.labels()));
            }
            if (checked.labels() - since.labels() >= patience(check)) {
                held.add(CHECKS[check]);
                if (heldSince == null || since.labels() < heldSince.labels()) {
                    heldSince = since;
                }
            }
        }
        if (held.isEmpty()) {
            return started.isEmpty() && ended.isEmpty() ? Update.NOTHING
                    : new Update(started, ended, Optional.empty());
        }
        decision = new Decision(rule.findingNow(), rule.finding().orElseThrow(), held, heldSince.step(),
                heldSince.labels());
        return new Update(started, ended, Optional.of(decision));
    }

    /**
     * How far the job is from this decision, for senders that pace themselves (see {@link Headroom}): before the
     * rule's first trigger, the rule's own headroom (no decision comes before it); from then until the decision, 0
     * (the next record may reach a patience); unlimited once decided.
     */
    public Headroom headroom() {
        Headroom ruleHeadroom = rule.headroom();
        if (decision == null && rule.finding().isPresent()) {
            return new Headroom(0, ruleHeadroom.classesBelow(), ruleHeadroom.modes());
        }
        return ruleHeadroom;
    }

    public Patience patience() {
        return patience;
    }

    public Optional<Decision> decision() {
        return Optional.ofNullable(decision);
    }

    /** A snapshot for reports: the decision if taken, else the spans holding now. */
    public DecisionReport report() {
        List<Span> holding = new ArrayList<>();
        if (decision == null) {
            for (Mode mode : Mode.values()) {
                for (int check = IMBALANCE; check <= MISPREDICTION; check++) {
                    Checked since = open[mode.ordinal()][check];
                    if (since != null) {
                        holding.add(span(check, since, lastLabels[mode.ordinal()]));
                    }
                }
            }
        }
        return new DecisionReport(patience, decision, holding, resets);
    }

    private long patience(int check) {
        return check == IMBALANCE ? patience.imbalanceLabels() : patience.mispredictionLabels();
    }

    private static Span span(int check, Checked since, long labelsNow) {
        return new Span(since.mode(), CHECKS[check], since.step(), since.labels(), labelsNow - since.labels());
    }

    private static List<Span> add(List<Span> list, Span span) {
        List<Span> out = list.isEmpty() ? new ArrayList<>(2) : list;
        out.add(span);
        return out;
    }
}
