package dev.skewguard.collector.rule;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a {@link ClassImbalanceRule} has counted, and the parameters it counted with: what a collector with a
 * state dir stores, so that a rule restored from it ({@link ClassImbalanceRule#restore}) continues exactly as the
 * original would have. Serializable (plain Java serialization); it shares the rule's live counters, so serialize it
 * before the rule counts again (under the same lock).
 */
public final class RuleState implements Serializable {
    private static final long serialVersionUID = 1L;

    final RuleParameters parameters;
    final EnumMap<Mode, ModeState> modes;
    final LinkedHashSet<String> namesSeen;
    final ArrayList<String> errorMessages;
    final Finding finding;
    final long records;
    final long unmatchedRecords;
    final boolean anyMatched;
    final long dataErrors;
    final String configurationError;
    final long configurationErrorRecords;

    RuleState(RuleParameters parameters, Map<Mode, ModeState> modes, Set<String> namesSeen,
            List<String> errorMessages, Finding finding, long records, long unmatchedRecords, boolean anyMatched,
            long dataErrors, String configurationError, long configurationErrorRecords) {
        this.parameters = parameters;
        this.modes = modes.isEmpty() ? new EnumMap<>(Mode.class) : new EnumMap<>(modes);
        this.namesSeen = new LinkedHashSet<>(namesSeen);
        this.errorMessages = new ArrayList<>(errorMessages);
        this.finding = finding;
        this.records = records;
        this.unmatchedRecords = unmatchedRecords;
        this.anyMatched = anyMatched;
        this.dataErrors = dataErrors;
        this.configurationError = configurationError;
        this.configurationErrorRecords = configurationErrorRecords;
    }

    /** The parameters the state was counted with (a restored rule keeps them). */
    public RuleParameters parameters() {
        return parameters;
    }
}
