package dev.skewguard.collector.logging;

import dev.skewguard.collector.advice.Advice;
import dev.skewguard.collector.decision.Decision;
import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.decision.Span;
import dev.skewguard.collector.rule.ClassStats;
import dev.skewguard.collector.rule.Finding;
import dev.skewguard.collector.rule.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The collector's lines about a job's rule and stop decision: the first trigger, a reset, the decision. */
public final class DecisionLines {
    private DecisionLines() {
    }

    /** A check stopped holding before its patience ran out: the stop decision starts again. */
    public static String reset(String jobId, Span span) {
        String mode = span.mode().jsonName();
        return "job " + LogText.quote(jobId) + ": " + span.check() + " stopped holding after "
                + String.format(Locale.ROOT, "%,d", span.heldLabels()) + " " + mode + " labels (since " + mode
                + " step " + span.sinceStep() + "); the stop decision starts again";
    }

    /** What follows a first trigger that is not acted on yet ({@code stopping}: the action is stop). */
    public static String pending(Finding finding, Patience patience, boolean stopping) {
        StringBuilder s = new StringBuilder(stopping ? "Stop follows if " : "confirmed if ");
        String mode = finding.mode().jsonName();
        List<String> flags = new ArrayList<>(2);
        if (finding.imbalance()) {
            s.append(String.format(Locale.ROOT, "imbalance keeps firing over %,d more %s labels",
                    patience.imbalanceLabels(), mode));
            flags.add("--patience-imbalance");
        }
        if (finding.misprediction()) {
            s.append(finding.imbalance() ? " or " : "").append(String.format(Locale.ROOT,
                    "misprediction keeps firing over %,d more %s labels", patience.mispredictionLabels(), mode));
            flags.add("--patience-misprediction");
        }
        return s.append(" (").append(String.join(", ", flags)).append(')').toString();
    }

    /** The decision to act: which checks held, over how many labels, since when. */
    public static String decision(String jobId, Decision decision, boolean stopping) {
        Finding finding = decision.finding();
        String mode = finding.mode().jsonName();
        StringBuilder line = new StringBuilder().append(stopping ? "STOP" : "CONFIRMED").append(" job ")
                .append(LogText.quote(jobId)).append(": ").append(String.join(" and ", decision.held()))
                .append(String.format(Locale.ROOT, " held over %,d %s labels", decision.heldLabels(), mode))
                .append(" from ").append(mode).append(" step ").append(decision.heldSinceStep())
                .append(" to ").append(mode).append(" step ").append(finding.step())
                .append(" (first trigger at ").append(decision.firstTrigger().mode().jsonName()).append(" step ")
                .append(decision.firstTrigger().step()).append("), worker ").append(LogText.quote(finding.worker()));
        appendRatioAndClasses(line, finding);
        return line.toString();
    }

    /** The rule's first trigger, as one line a person can act on. */
    public static String trigger(String jobId, Finding finding) {
        StringBuilder line = new StringBuilder("TRIGGERED job ").append(LogText.quote(jobId)).append(": ")
                .append(String.join(" and ", finding.checks()))
                .append(" at ").append(finding.mode().jsonName()).append(" step ").append(finding.step())
                .append(" on worker ").append(LogText.quote(finding.worker()));
        appendRatioAndClasses(line, finding);
        return line.toString();
    }

    /** The trigger line's advice ({@code "; advice: class weights ..."}), or "" when there is none. */
    public static String advice(Report report, List<String> frameworks) {
        return report == null ? "" : Advice.of(report).map(a -> "; " + a.line(frameworks)).orElse("");
    }

    private static void appendRatioAndClasses(StringBuilder line, Finding finding) {
        line.append(String.format(Locale.ROOT, ", ratio %.2f", finding.ratio()));
        List<ClassStats> classes = finding.classes();
        if (!classes.isEmpty()) {
            line.append(", worst classes:");
            for (int i = 0; i < Math.min(3, classes.size()); i++) {
                ClassStats stats = classes.get(i);
                line.append(i == 0 ? " " : ", ").append(stats.classId())
                        .append(String.format(Locale.ROOT, " (%d labels, %.0f%% mispredicted)",
                                stats.count(), stats.mispredictionFraction() * 100));
            }
        }
    }
}
