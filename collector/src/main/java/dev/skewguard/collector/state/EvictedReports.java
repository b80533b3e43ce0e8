package dev.skewguard.collector.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The jobs that left the collector's memory, kept in the state dir's store beside their states: each one's last
 * report (the JSON GetReport returns) and when it left, so that GetReport and the dashboard answer for it until the
 * operator's retention has passed. A job past it is pruned with its state ({@link #pruneLeftBefore}): the store stays
 * bounded by what the retention lets in. A job whose agent comes back is held in memory again and leaves this set
 * ({@link #remove}); {@link StateStore#load} restores at start only the jobs not in it.
 */
public final class EvictedReports {
    /**
     * One job that left memory.
     *
     * @param leftMillis when it left (epoch milliseconds)
     * @param reportJson its report as it left
     */
    public record Entry(long leftMillis, String reportJson) {
    }

    private final MVStore store;
    private final MVMap<String, byte[]> states;
    private final MVMap<String, Long> leftAt;
    private final MVMap<String, String> reports;
    /** The {@link StateStore}'s lock: commits of both are never interleaved. */
    private final Object lock;

    EvictedReports(MVStore store, MVMap<String, byte[]> states, Object lock) {
        this.store = store;
        this.states = states;
        this.leftAt = store.openMap("evicted_at");
        this.reports = store.openMap("evicted_reports");
        this.lock = lock;
    }

    /** The job left memory at {@code leftMillis} with this report (its state is stored by {@link StateStore#save}). */
    public void put(String jobId, long leftMillis, String reportJson) {
        synchronized (lock) {
            reports.put(jobId, reportJson);
            leftAt.put(jobId, leftMillis);
            store.commit();
        }
    }

    /** The job's entry, if it left memory and is still kept. */
    public Optional<Entry> get(String jobId) {
        synchronized (lock) {
            Long left = leftAt.get(jobId);
            String json = left == null ? null : reports.get(jobId);
            return json == null ? Optional.empty() : Optional.of(new Entry(left, json));
        }
    }

    boolean contains(String jobId) {
        return leftAt.containsKey(jobId);
    }

    /** The job is held in memory again (an agent of it came back): its state is what counts now. */
    public void remove(String jobId) {
        synchronized (lock) {
            if (leftAt.remove(jobId) != null | reports.remove(jobId) != null) {
                store.commit();
            }
        }
    }

    /**
     * Forgets every job that left memory before {@code cutoffMillis}: its report and its state, in one commit.
     *
     * @return how many jobs were forgotten
     */
    public int pruneLeftBefore(long cutoffMillis) {
        synchronized (lock) {
            List<String> old = new ArrayList<>();
            for (Map.Entry<String, Long> e : leftAt.entrySet()) {
                if (e.getValue() < cutoffMillis) {
                    old.add(e.getKey());
                }
            }
            for (String jobId : old) {
                leftAt.remove(jobId);
                reports.remove(jobId);
                states.remove(jobId);
            }
            if (!old.isEmpty()) {
                store.commit();
            }
            return old.size();
        }
    }

    /** How many jobs that left memory are kept. */
    public long size() {
        return leftAt.sizeAsLong();
    }
}
