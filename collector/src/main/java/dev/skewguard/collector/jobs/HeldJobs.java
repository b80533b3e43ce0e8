package dev.skewguard.collector.jobs;

import dev.skewguard.collector.options.Limits;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.params.EffectiveParameters;
import io.grpc.Status;
import io.grpc.StatusException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The jobs held in memory, at most {@link Limits#maxJobs()}: a job leaves memory (is evicted) once no agent of it is
 * connected and it is finished (every instance said Goodbye) and room is needed, or once no agent has been connected
 * for {@link Limits#evictIdleJobsAfter()}. Its final report is written first and its report file stays; then it goes
 * to {@link EvictedJobs} (with --state-dir: its state is stored, and it comes back from the store, through the
 * {@link JobFactory}, when an agent of it returns).
 */
public final class HeldJobs {
    private final ServerOptions options;
    private final Supplier<JobReportFiles> reportFiles;
    private final ConcurrentMap<String, Job> jobs = new ConcurrentHashMap<>();
    /** Taken to add or evict a job (finding one stays lock-free). */
    private final Object admission = new Object();
    private final JobFactory factory;
    private volatile EvictedJobs evictedJobs = job -> { };
    private volatile boolean evictedTriggered;

    /**
     * Makes the job of an id not held in memory: a new one judged by {@code parameters}, or the one a state store
     * kept (with the parameters it was made with).
     */
    interface JobFactory {
        Job make(String jobId, EffectiveParameters parameters) throws StatusException;
    }

    HeldJobs(ServerOptions options, Supplier<JobReportFiles> reportFiles, JobFactory factory) {
        this.options = options;
        this.reportFiles = reportFiles;
        this.factory = factory;
    }

    /** A job restored from the state store at start. */
    void restored(Job job) {
        jobs.put(job.id(), job);
    }

    void evictedJobs(EvictedJobs evictedJobs) {
        this.evictedJobs = evictedJobs;
    }

    Job get(String jobId) {
        return jobs.get(jobId);
    }

    Collection<Job> values() {
        return jobs.values();
    }

    /** Whether the rule of a job that left memory had fired (for the exit status). */
    boolean evictedTriggered() {
        return evictedTriggered;
    }

    boolean isEmpty() {
        return jobs.isEmpty();
    }

    /**
     * The job, made if new (judged by {@code parameters}). At the limit, the finished job gone longest leaves
     * memory to make room.
     *
     * @throws StatusException RESOURCE_EXHAUSTED when the limit is reached and no job is finished
     */
    Job job(String jobId, EffectiveParameters parameters) throws StatusException {
        Job existing = jobs.get(jobId);
        if (existing != null) {
            return existing;
        }
        int max = options.limits().maxJobs();
        synchronized (admission) {
            existing = jobs.get(jobId);
            if (existing != null) {
                return existing;
            }
            if (jobs.size() >= max && !evictOneFinished()) {
                throw Status.RESOURCE_EXHAUSTED.withDescription("the collector holds " + jobs.size() + " jobs with "
                        + "agents connected or not all said Goodbye, its limit (--max-jobs " + max + "): end other "
                        + "jobs, or restart the collector with a higher --max-jobs").asException();
            }
            Job job = factory.make(jobId, parameters);
            jobs.put(jobId, job);
            return job;
        }
    }

    /** Evicts the finished job gone longest, if any; under {@link #admission}. */
    private boolean evictOneFinished() {
        List<Job> oldestFirst = new ArrayList<>(jobs.values());
        oldestFirst.sort(Comparator.comparingLong(job -> job.snapshot().lastGoneNanos()));
        for (Job job : oldestFirst) {
            if (job.evictIf(false, 0)) {
                evict(job);
                return true;
            }
        }
        return false;
    }

    /** Evicts every job no agent has been connected to for {@link Limits#evictIdleJobsAfter()}. */
    void evictIdle() {
        long idleSince = System.nanoTime() - options.limits().evictIdleJobsAfter().toNanos();
        synchronized (admission) {
            for (Job job : jobs.values()) {
                if (job.evictIf(true, idleSince)) {
                    evict(job);
                }
            }
        }
    }

    /**
     * The job leaves memory: its final report is written, it goes to {@link EvictedJobs}, then it is no longer held
     * (in that order, so that GetReport finds it in memory or where it was kept, never in neither).
     */
    private void evict(Job job) {
        JobReportFiles files = reportFiles.get();
        if (files != null) {
            files.write(job);
            files.forget(job.id());
        }
        evictedTriggered |= job.finding().isPresent();
        evictedJobs.evicted(job);
        jobs.remove(job.id(), job);
    }
}
