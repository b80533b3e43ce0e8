package dev.skewguard.collector.rule;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An immutable snapshot of a {@link ClassImbalanceRule}: its finding, if any, and everything it counted. */
public final class Report {
    private final RuleParameters parameters;
    private final Finding finding;
    private final Map<Mode, ModeReport> modes;
    private final long records;
    private final long unmatchedRecords;
    private final boolean nothingMatched;
    private final long dataErrors;
    private final List<String> dataErrorMessages;
    private final String configurationError;
    private final long configurationErrorRecords;
    private final List<String> tensorNamesSeen;

    /** Built by the rule; see the accessors for the meaning of each value. */
    public Report(RuleParameters parameters, Finding finding, Map<Mode, ModeReport> modes, long records,
            long unmatchedRecords, boolean nothingMatched, long dataErrors, List<String> dataErrorMessages,
            String configurationError, long configurationErrorRecords, List<String> tensorNamesSeen) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.finding = finding;
        Map<Mode, ModeReport> copy = new EnumMap<>(Mode.class);
        copy.putAll(modes);
        this.modes = Collections.unmodifiableMap(copy);
        this.records = records;
        this.unmatchedRecords = unmatchedRecords;
        this.nothingMatched = nothingMatched;
        this.dataErrors = dataErrors;
        this.dataErrorMessages = List.copyOf(dataErrorMessages);
        this.configurationError = configurationError;
        this.configurationErrorRecords = configurationErrorRecords;
        this.tensorNamesSeen = List.copyOf(tensorNamesSeen);
    }

    public RuleParameters parameters() {
        return parameters;
    }

    /** The rule's first trigger, if it fired. */
    public Optional<Finding> finding() {
        return Optional.ofNullable(finding);
    }

    public boolean triggered() {
        return finding != null;
    }

    /** Per mode in which anything was counted, in {@link Mode} order. */
    public Map<Mode, ModeReport> modes() {
        return modes;
    }

    /**
     * The mode a one-mode report shows: the trigger's mode; else the mode with the most labels (the first in
     * {@link Mode} order on a tie); empty when nothing was counted.
     */
    public Optional<Mode> reportedMode() {
        if (finding != null) {
            return Optional.of(finding.mode());
        }
        ModeReport best = null;
        for (ModeReport m : modes.values()) {
            if (best == null || m.samplesSeen() > best.samplesSeen()) {
                best = m;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.mode());
    }

    /** The final counts of {@link #reportedMode()}, by class id; empty when nothing was counted. */
    public List<ClassStats> classes() {
        return reportedMode().map(m -> modes.get(m)).map(ModeReport::classes).orElse(List.of());
    }

    /** Labels counted in {@link #reportedMode()}. */
    public long samplesSeen() {
        return reportedMode().map(m -> modes.get(m).samplesSeen()).orElse(0L);
    }

    /** The ratio at the trigger; else the current ratio of {@link #reportedMode()}; NaN when nothing was counted. */
    public double ratio() {
        if (finding != null) {
            return finding.ratio();
        }
        return reportedMode().map(m -> modes.get(m).ratio()).orElse(Double.NaN);
    }

    /** Records given to the rule, counted or not. */
    public long records() {
        return records;
    }

    /** Records in which no tensor name matched labels_regex or predictions_regex. */
    public long unmatchedRecords() {
        return unmatchedRecords;
    }

    /** True when no tensor of any record matched labels_regex or predictions_regex (also when there was none). */
    public boolean nothingMatched() {
        return nothingMatched;
    }

    /** Records skipped for bad data, plus errors reported with {@link ClassImbalanceRule#recordDataError}. */
    public long dataErrors() {
        return dataErrors;
    }

    /** The first data error messages (at most {@link ClassImbalanceRule#MAX_ERROR_MESSAGES}). */
    public List<String> dataErrorMessages() {
        return dataErrorMessages;
    }

    /** A configuration error met in the data (score vectors with argmax=false), said once. */
    public Optional<String> configurationError() {
        return Optional.ofNullable(configurationError);
    }

    /** Records skipped because of {@link #configurationError()}. */
    public long configurationErrorRecords() {
        return configurationErrorRecords;
    }

    /** The first distinct tensor names seen (at most {@link ClassImbalanceRule#MAX_NAMES_KEPT}), to fix regexes. */
    public List<String> tensorNamesSeen() {
        return tensorNamesSeen;
    }

    /** One line a person can read: the finding's summary, or what was (not) found. */
    public String summary() {
        if (finding != null) {
            return finding.summary();
        }
        if (configurationError != null) {
            return "ClassImbalance: not evaluated as configured: " + configurationError;
        }
        if (nothingMatched) {
            return "ClassImbalance: nothing matched: no tensor name matched labels_regex \""
                    + parameters.labelsRegex() + "\" or predictions_regex \"" + parameters.predictionsRegex()
                    + "\"" + (tensorNamesSeen.isEmpty() ? " (no tensors seen)" : " (names seen: "
                    + String.join(", ", tensorNamesSeen) + ")");
        }
        long seen = samplesSeen();
        if (seen < parameters.samples()) {
            return "ClassImbalance: not triggered: " + seen + " labels seen, fewer than samples="
                    + parameters.samples();
        }
        return "ClassImbalance: not triggered: " + seen + " labels seen";
    }
}
