package dev.skewguard.collector.rule;

import dev.skewguard.collector.history.ModeHistory;
import java.util.EnumMap;
import java.util.Map;

/**
 * The rule's history per mode ({@link ModeHistory}: bounded, so memory does not grow with the run). Kept in memory
 * only: a rule restored from a state dir starts a new history. Not thread-safe.
 */
public final class RunHistory {
    private final Map<Mode, ModeHistory> modes = new EnumMap<>(Mode.class);

    /** The history of {@code mode}, made on first use. */
    ModeHistory of(Mode mode) {
        return modes.computeIfAbsent(mode, m -> new ModeHistory());
    }

    /** Immutable copies of every mode's history, in {@link Mode} order. */
    public Map<Mode, ModeHistory.Snapshot> snapshot() {
        Map<Mode, ModeHistory.Snapshot> out = new EnumMap<>(Mode.class);
        modes.forEach((mode, history) -> out.put(mode, history.snapshot()));
        return out;
    }
}
