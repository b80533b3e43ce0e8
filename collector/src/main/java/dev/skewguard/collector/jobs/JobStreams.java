package dev.skewguard.collector.jobs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The streams connected to a job now, when the last one left, and whether the job was evicted (left memory: a
 * stream joining later asks the registry again). Guarded by its {@link Job}'s lock.
 */
final class JobStreams {
    private final Set<AgentConnection> streams = new LinkedHashSet<>();
    /** When the last stream left; at first, when the job was made or restored (it has been idle since). */
    private long lastGoneNanos = System.nanoTime();
    private boolean evicted;

    boolean evicted() {
        return evicted;
    }

    void joined(AgentConnection stream) {
        streams.add(stream);
    }

    /** The stream has ended; false if it had not joined (or left before). */
    boolean left(AgentConnection stream) {
        if (!streams.remove(stream)) {
            return false;
        }
        lastGoneNanos = System.nanoTime();
        return true;
    }

    /** The streams now (a copy). */
    List<AgentConnection> all() {
        return new ArrayList<>(streams);
    }

    int size() {
        return streams.size();
    }

    long lastGoneNanos() {
        return lastGoneNanos;
    }

    /**
     * Marks the job evicted if no stream is connected and, with {@code idle}, it has had none since
     * {@code idleSinceNanos} or before, or, without, every one of {@code instances} said Goodbye; returns whether
     * it is evicted.
     */
    boolean evictIf(boolean idle, long idleSinceNanos, JobInstances instances) {
        if (evicted || !streams.isEmpty()) {
            return evicted;
        }
        if (idle ? lastGoneNanos - idleSinceNanos <= 0 : instances.allSaidGoodbye()) {
            evicted = true;
        }
        return evicted;
    }
}
