package dev.skewguard.collector.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The collector's state dir: one H2 MVStore file ({@value #FILE_NAME}) holding each job's state (its rule, stop
 * decision and instances' counted sequences, as one value) under the job id. {@link #save} writes any number of jobs
 * and commits them in one atomic MVStore commit, then forces it to disk: after a crash at any moment the store
 * holds either all of a commit or none of it. Beside them, the last reports of the jobs that left memory
 * ({@link EvictedReports}). One collector at a time: MVStore locks the file.
 */
public final class StateStore implements AutoCloseable {
    public static final String FILE_NAME = "skewguard-state.mv.db";
    /** Commits between two attempts to compact the file (it is append-only: old versions of job values pile up). */
    private static final int COMPACT_EVERY_COMMITS = 1000;

    private final Path file;
    private final MVStore store;
    private final MVMap<String, byte[]> jobs;
    private final EvictedReports evicted;
    private int commitsSinceCompact;

    private StateStore(Path file, MVStore store) {
        this.file = file;
        this.store = store;
        this.jobs = store.openMap("jobs");
        this.evicted = new EvictedReports(store, jobs, this);
    }

    /**
     * Opens (or creates) the store in {@code dir}.
     *
     * @throws IOException with one line that says what is wrong: the directory cannot be made, or its store is in
     *     use by another collector, or is not a store this collector can read
     */
    public static StateStore open(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the state dir " + dir + ": " + e.getMessage(), e);
        }
        Path file = dir.resolve(FILE_NAME);
        try {
            return new StateStore(file, new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open());
        } catch (MVStoreException e) {
            String why = e.getMessage() != null && e.getMessage().contains("locked")
                    ? "it is in use by another collector: give each collector its own --state-dir"
                    : "it cannot be opened (" + e.getMessage() + "): move it aside to start without state";
            throw new IOException("state file " + file + ": " + why, e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * The stored state of every job that was held in memory when the collector stopped, by job id, in the store's
     * order; not those that had left memory ({@link #evicted()}): they come back one by one when asked for.
     */
    public synchronized Map<String, byte[]> load() {
        Map<String, byte[]> all = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : jobs.entrySet()) {
            if (!evicted.contains(e.getKey())) {
                all.put(e.getKey(), e.getValue());
            }
        }
        return all;
    }

    /** The jobs that left memory, with their last reports. */
    public EvictedReports evicted() {
        return evicted;
    }

    /** One job's stored state (held in memory or not), or null if the store keeps none. */
    public synchronized byte[] get(String jobId) {
        return jobs.get(jobId);
    }

    /** Stores these jobs' states in one atomic commit, forced to disk before it returns. */
    public synchronized void save(Map<String, byte[]> states) {
        if (states.isEmpty()) {
            return;
        }
        jobs.putAll(states);
        store.commit();
        store.sync();
        if (++commitsSinceCompact >= COMPACT_EVERY_COMMITS) {
            commitsSinceCompact = 0;
            store.compact(50, 4 << 20);
        }
    }

    /** Forgets a job (its state leaves the store with the next commit). */
    public synchronized void remove(String jobId) {
        jobs.remove(jobId);
        store.commit();
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }
}
