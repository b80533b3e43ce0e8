package dev.skewguard.collector.jobs;

import dev.skewguard.collector.state.GroupCommit;
import dev.skewguard.collector.state.StateCodec;
import java.util.List;

/**
 * How far a job with a state dir is stored: a capture of its state as bytes for the group commit, and, once a
 * commit stored them, each instance's persisted sequence and the job's persisted version.
 *
 * <p>Guarded by its {@link Job}'s lock: {@link #capture} is called under it, and a commit's completion takes it.
 */
final class StoredProgress {
    private final Object jobLock;
    /** The job version of the last state stored (see {@link #capture}). */
    private long persistedVersion;

    StoredProgress(Object jobLock, long persistedVersion) {
        this.jobLock = jobLock;
        this.persistedVersion = persistedVersion;
    }

    /**
     * {@code state}, the job at {@code version} read under its lock, as bytes to store, and what to note once they
     * are stored.
     */
    GroupCommit.Captured capture(JobState state, long version) {
        List<Instance> all = state.instances();
        byte[] bytes = StateCodec.encode(state);
        long[] sequences = new long[all.size()];
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = all.get(i).lastCountedSequence;
        }
        return new GroupCommit.Captured(bytes, () -> persisted(all, sequences, version));
    }

    private void persisted(List<Instance> stored, long[] sequences, long storedVersion) {
        synchronized (jobLock) {
            JobInstances.persisted(stored, sequences);
            persistedVersion = Math.max(persistedVersion, storedVersion);
        }
    }

    /** The version of the last state stored (under the job's lock). */
    long persistedVersion() {
        return persistedVersion;
    }
}
