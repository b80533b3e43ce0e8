package dev.skewguard.collector.rule;

import dev.skewguard.collector.history.ModeHistory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Amazon SageMaker Debugger's ClassImbalance rule over one job's records, as specified in issue 2 and docs/rule.md.
 *
 * <p>Each record's label tensors (names matching labels_regex, sorted by name) pair with its prediction tensors
 * (names matching predictions_regex, sorted by name), first with first. A record with label tensors and no
 * prediction tensor counts its labels for the imbalance check and the samples gate only (the misprediction check
 * judges each class by the labels that came with predictions). Counts are kept per mode; every worker and step of
 * a mode adds into one state. After each record, once the mode has counted {@code samples} labels, the imbalance
 * check (largest / smallest class count > threshold_imbalance) and the misprediction check (some class's
 * mispredicted fraction > threshold_misprediction) run; the first time either fires is the rule's {@link Finding}.
 * Counting and checking go on afterwards ({@link #lastChecked()}, for a decision that acts on the checks). A record
 * with bad data is skipped whole and counted as a data error.
 *
 * <p>One instance per job. Not thread-safe: callers serialize calls.
 */
public final class ClassImbalanceRule {
    /** Data error messages kept in a report; later ones are only counted. */
    public static final int MAX_ERROR_MESSAGES = 10;
    /** Distinct tensor names a report lists. */
    public static final int MAX_NAMES_KEPT = 20;
    /** Classes a finding lists at most. */
    public static final int MAX_FINDING_CLASSES = 20;

    private final RuleParameters parameters;
    private final Threshold imbalanceThreshold;
    private final Threshold mispredictionThreshold;
    private final Findings findings;
    private final Map<Mode, ModeState> modes = new EnumMap<>(Mode.class);
    private final Set<String> namesSeen = new LinkedHashSet<>();
    private final List<String> errorMessages = new ArrayList<>();
    private final RunHistory history = new RunHistory();

    private Finding finding;
    private Checked lastChecked;
    private ModeState lastState;
    private int lastFired;
    private long records;
    private long unmatchedRecords;
    private boolean anyMatched;
    private long dataErrors;
    private String configurationError;
    private long configurationErrorRecords;

    /** The record being counted, read into class-id columns (scratch space reused by every record). */
    private final RecordColumns columns;

    public ClassImbalanceRule(RuleParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.imbalanceThreshold = new Threshold(parameters.thresholdImbalance());
        this.mispredictionThreshold = new Threshold(parameters.thresholdMisprediction());
        this.findings = new Findings(parameters, imbalanceThreshold, mispredictionThreshold);
        this.columns = new RecordColumns(parameters, namesSeen, new RecordColumns.Problems() {
            @Override
            public void dataError(Record record, String message) {
                ClassImbalanceRule.this.dataError(record, message);
            }

            @Override
            public void configurationError(String message) {
                configurationErrorRecords++;
                if (configurationError == null) {
                    configurationError = message;
                }
            }
        });
    }

    /** A rule that continues from {@code state} (its parameters included) as the rule it was taken from would. */
    public static ClassImbalanceRule restore(RuleState state) {
        ClassImbalanceRule rule = new ClassImbalanceRule(state.parameters);
        rule.modes.putAll(state.modes);
        rule.namesSeen.addAll(state.namesSeen);
        rule.errorMessages.addAll(state.errorMessages);
        rule.finding = state.finding;
        rule.records = state.records;
        rule.unmatchedRecords = state.unmatchedRecords;
        rule.anyMatched = state.anyMatched;
        rule.dataErrors = state.dataErrors;
        rule.configurationError = state.configurationError;
        rule.configurationErrorRecords = state.configurationErrorRecords;
        return rule;
    }

    /** Everything counted so far, to store (see {@link RuleState}: serialize it before the next record). */
    public RuleState state() {
        return new RuleState(parameters, modes, namesSeen, errorMessages, finding, records, unmatchedRecords,
                anyMatched, dataErrors, configurationError, configurationErrorRecords);
    }

    public RuleParameters parameters() {
        return parameters;
    }

    /**
     * Counts one record and runs the checks for its mode.
     *
     * @return the finding when the rule fires for the first time with this record; empty otherwise (also after
     *     it has fired)
     */
    public Optional<Finding> accept(Record record) {
        records++;
        lastChecked = null;
        lastState = null;
        try {
            return evaluate(record);
        } finally {
            columns.clear(); // keep no reference to the record's buffers (up to 16 MiB each) once it is counted
        }
    }

    private Optional<Finding> evaluate(Record record) {
        if (!columns.match(record)) {
            unmatchedRecords++;
            return Optional.empty();
        }
        anyMatched = true;
        if (!columns.read(record)) {
            return Optional.empty();
        }
        ModeState state = modes.computeIfAbsent(record.mode(), m -> new ModeState(m, parameters.window()));
        columns.countInto(state);
        state.records++;
        ModeHistory modeHistory = history.of(record.mode());
        if (modeHistory.due()) {
            modeHistory.add(record.step(), state.samples, ModeFigures.ratio(state, parameters.numClasses()),
                    visitor -> state.forEachSeen((id, count, judged, wrong, windowCount, windowWrong) ->
                            visitor.visit(id, ModeFigures.fraction(windowWrong, windowCount))));
        }
        if (state.samples < parameters.samples()) {
            return Optional.empty();
        }
        int fired = state.check(imbalanceThreshold, mispredictionThreshold, parameters.numClasses());
        lastChecked = new Checked(record.step(), record.mode(), record.worker(), state.samples,
                (fired & ModeState.IMBALANCE) != 0, (fired & ModeState.MISPREDICTION) != 0);
        lastState = state;
        lastFired = fired;
        if (fired == 0 || finding != null) {
            return Optional.empty();
        }
        finding = findings.of(lastChecked, state, fired);
        return Optional.of(finding);
    }

    /**
     * What the checks said after the last record given to {@link #accept}: empty when that record was not counted
     * (nothing matched, bad data) or its mode has not reached the samples gate.
     */
    public Optional<Checked> lastChecked() {
        return Optional.ofNullable(lastChecked);
    }

    /**
     * The checks that fire after the last record, as a {@link Finding} of the state now (its counts, ratio and
     * offending classes), for a decision taken later than the first trigger.
     *
     * @throws IllegalStateException when no check fired after the last record
     */
    public Finding findingNow() {
        if (lastChecked == null || lastFired == 0) {
            throw new IllegalStateException("no check fired after the last record");
        }
        return findings.of(lastChecked, lastState, lastFired);
    }

    /**
     * How far the rule is from firing now ({@link Headroom}): the smallest bound over the modes counted, for the
     * class ids every one of them already knows; unlimited once it has fired.
     */
    public Headroom headroom() {
        long labels = Headroom.UNLIMITED;
        long classesBelow = Long.MAX_VALUE;
        for (ModeState state : modes.values()) {
            if (finding == null) {
                labels = Math.min(labels, ModeFigures.labelsToSpare(state, parameters.thresholdImbalance(),
                        parameters.thresholdMisprediction(), parameters.numClasses(), parameters.samples()));
            }
            classesBelow = Math.min(classesBelow,
                    Math.max(state.contiguousClassesSeen(), parameters.numClasses()));
        }
        return new Headroom(labels, modes.isEmpty() ? 0 : classesBelow, modes.keySet());
    }

    /** Counts a data error found outside the rule (for example a malformed input line) and keeps its message. */
    public void recordDataError(String message) {
        dataErrors++;
        if (errorMessages.size() < MAX_ERROR_MESSAGES) {
            errorMessages.add(message);
        }
    }

    /** The first trigger, if the rule has fired. */
    public Optional<Finding> finding() {
        return Optional.ofNullable(finding);
    }

    /** A copy of the bounded history of every mode counted (see {@link ModeHistory}). */
    public Map<Mode, ModeHistory.Snapshot> history() {
        return history.snapshot();
    }

    /** An immutable snapshot of the finding and of everything counted so far. */
    public Report report() {
        Map<Mode, ModeReport> modeReports = new EnumMap<>(Mode.class);
        for (ModeState s : modes.values()) {
            int numClasses = parameters.numClasses();
            modeReports.put(s.mode, new ModeReport(s.mode, s.samples, s.records, ModeFigures.ratio(s, numClasses),
                    Findings.classesTakingPart(s, numClasses)));
        }
        return new Report(parameters, finding, modeReports, records, unmatchedRecords, !anyMatched, dataErrors,
                errorMessages, configurationError, configurationErrorRecords, new ArrayList<>(namesSeen));
    }

    private void dataError(Record record, String message) {
        recordDataError(record.mode().jsonName() + " step " + record.step()
                + (record.worker().isEmpty() ? "" : " worker " + record.worker()) + ": " + message);
    }
}
