package dev.skewguard.collector.jobs;

import dev.skewguard.collector.logging.CollectorLog;
import dev.skewguard.collector.logging.LogText;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.state.EvictedReports;
import dev.skewguard.collector.state.GroupCommit;
import dev.skewguard.collector.state.StateCodec;
import dev.skewguard.collector.state.StateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * serve --state-dir: jobs restored from the {@link StateStore} at start, and every change of a job's counts stored
 * by {@link GroupCommit}; after each commit the job's streams are told what is persisted (Ack.persisted_through, and a
 * stream that said Goodbye is completed once all it counted is stored).
 */
public final class JobPersistence implements AutoCloseable {
    private final StateStore store;
    private final GroupCommit commit;
    private final CollectorLog log;
    private volatile boolean failing;

    private JobPersistence(StateStore store, CollectorLog log) {
        this.store = store;
        this.log = log;
        this.commit = new GroupCommit(store, GroupCommit.DEFAULT_INTERVAL_NANOS, this::failed);
    }

    /**
     * Opens the state dir and restores its jobs.
     *
     * @throws IOException one line: the store cannot be opened, or a job's state cannot be read by this collector
     */
    public static JobPersistence open(Path dir, Action action, int maxInstances, CollectorLog log, List<Job> restored)
            throws IOException {
        StateStore store = StateStore.open(dir);
        try {
            for (Map.Entry<String, byte[]> e : store.load().entrySet()) {
                restored.add(new Job(decode(store, e.getKey(), e.getValue()), action, maxInstances));
            }
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        return new JobPersistence(store, log);
    }

    private static JobState decode(StateStore store, String jobId, byte[] bytes) throws IOException {
        try {
            return StateCodec.decode(bytes, JobState.class);
        } catch (IOException | RuntimeException bad) {
            throw new IOException("state of job " + LogText.quote(jobId) + " in " + store.file()
                    + " cannot be read by this collector (" + bad.getMessage() + "): use the collector "
                    + "version that wrote it, or move the state dir aside to start without state", bad);
        }
    }

    /**
     * The job as the store keeps it, if it does (a job that left memory, {@link #evicted}), to continue where it
     * left off.
     */
    Optional<Job> restore(String jobId, Action action, int maxInstances) throws IOException {
        byte[] bytes = store.get(jobId);
        if (bytes == null) {
            return Optional.empty();
        }
        Job job = new Job(decode(store, jobId, bytes), action, maxInstances);
        store.evicted().remove(jobId); // held again: its report is its own from now on
        return Optional.of(job);
    }

    /**
     * A job leaves memory (no agent connected): what it counted is stored now, so it comes back as it left, and its
     * report as it left is kept for GetReport and the dashboard ({@link EvictedReports}).
     */
    void evicted(Job job) {
        commit.commitNow();
        try {
            store.evicted().put(job.id(), System.currentTimeMillis(), job.reportJson());
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** The report of a job that left memory, and when it left, if the store keeps it. */
    public Optional<EvictedReports.Entry> evictedReport(String jobId) {
        return store.evicted().get(jobId);
    }

    /** Forgets the jobs that left memory before {@code cutoffMillis}, their reports and states; how many. */
    public int pruneEvictedBefore(long cutoffMillis) {
        return store.evicted().pruneLeftBefore(cutoffMillis);
    }

    /** How many jobs that left memory the store keeps. */
    public long evictedJobs() {
        return store.evicted().size();
    }

    /** The job's counts changed: store them with the next commit, then tell its streams. */
    void changed(Job job) {
        commit.changed(new Source(job));
    }

    private void failed(RuntimeException e) {
        if (!failing) {
            failing = true;
            log.error("cannot store job states in " + store.file() + " (" + e + "): agents keep their batches "
                    + "until it works again; retrying");
        }
    }

    /** Commits what is pending, then closes the store. */
    @Override
    public void close() {
        commit.close();
        store.close();
    }

    /** A job as the group commit sees it: equal per job, so a job changed many times is stored once per commit. */
    private final class Source implements GroupCommit.Source {
        private final Job job;

        Source(Job job) {
            this.job = job;
        }

        @Override
        public String key() {
            return job.id();
        }

        @Override
        public GroupCommit.Captured capture() {
            GroupCommit.Captured captured = job.capture();
            return new GroupCommit.Captured(captured.state(), () -> {
                failing = false;
                captured.persisted().run();
                for (AgentConnection stream : new ArrayList<>(job.streams())) {
                    stream.persisted();
                }
            });
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Source && ((Source) o).job == job;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(job);
        }
    }
}
