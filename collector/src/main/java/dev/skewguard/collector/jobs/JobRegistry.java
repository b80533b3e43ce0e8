package dev.skewguard.collector.jobs;

import dev.skewguard.collector.alert.JobAlerts;
import dev.skewguard.collector.decision.Decision;
import dev.skewguard.collector.decision.Span;
import dev.skewguard.collector.logging.CollectorLog;
import dev.skewguard.collector.logging.DecisionLines;
import dev.skewguard.collector.logging.LineRateLimit;
import dev.skewguard.collector.logging.LogText;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.Limits;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.params.EffectiveParameters;
import dev.skewguard.collector.params.ParameterResolver;
import dev.skewguard.collector.protocol.ProtoFindings;
import dev.skewguard.collector.protocol.ProtoParameters;
import dev.skewguard.collector.rule.Finding;
import dev.skewguard.collector.rule.InvalidParameterException;
import dev.skewguard.collector.rule.Record;
import dev.skewguard.collector.rule.Report;
import dev.skewguard.proto.v1.Hello;
import io.grpc.Status;
import io.grpc.StatusException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs the collector has heard of (one {@link Job} per job id), the open streams, what happens when a job's rule
 * first fires, and, in sidecar mode, when the collector is done.
 */
public final class JobRegistry {
    /** Exit status when --idle-timeout passed and no agent ever connected. */
    public static final int EXIT_NO_AGENT = 4;
    /** Lines per job that say a check stopped holding (the stop decision reset); later ones only count in reports. */
    static final int MAX_RESET_LINES = 10;
    /** Lines per minute that say a stream was refused; the rest are counted in the next one written. */
    public static final int REFUSED_LINES = 20;

    private final ServerOptions options;
    private final CollectorLog log;
    private final HeldJobs jobs;
    /** Each new job's parameters: the collector's options, the rules file (swapped on reload), the job's own. */
    private final ParameterResolver parameters;
    private final LineRateLimit refusedLines = new LineRateLimit(REFUSED_LINES, Duration.ofMinutes(1));
    private final Set<AgentConnection> streams = ConcurrentHashMap.newKeySet();
    private final DoneCheck doneCheck;
    private volatile JobReportFiles reportFiles;
    private volatile JobPersistence persistence;
    private volatile JobAlerts alerts = JobAlerts.NONE;
    private volatile String address = "this collector";
    private volatile boolean anyAgentConnected;
    /** When the last stream closed (or the collector started) while none is open. Guarded by streams' updates. */
    private volatile long idleSinceNanos = System.nanoTime();

    public JobRegistry(ServerOptions options) {
        this.options = options;
        this.log = options.log();
        this.jobs = new HeldJobs(options, () -> reportFiles, this::makeJob);
        this.doneCheck = new DoneCheck(options, jobs);
        this.parameters = new ParameterResolver(options.ruleParameters(), options.patience(), options.rules());
    }

    public void reportFiles(JobReportFiles reportFiles) {
        this.reportFiles = reportFiles;
    }

    /** Where the alerts of the jobs' triggers, decisions and stops go (default: nowhere). */
    public void alerts(JobAlerts alerts) {
        this.alerts = alerts;
    }

    /**
     * serve --state-dir: the jobs it restored join the registry; changes are stored from now on; a job that leaves
     * memory is stored first and comes back from the store when an agent of it returns.
     */
    public void persistence(JobPersistence persistence, List<Job> restored) {
        for (Job job : restored) {
            jobs.restored(job);
        }
        this.persistence = persistence;
        jobs.evictedJobs(persistence::evicted);
    }

    public ParameterResolver parameters() {
        return parameters;
    }

    /**
     * The parameters the Hello's job gets if the Hello makes it (the first Hello of a job fixes them).
     *
     * @throws StatusException INVALID_ARGUMENT naming a parameter of Hello.parameters whose value is refused
     */
    public EffectiveParameters parametersFor(Hello hello) throws StatusException {
        try {
            return parameters.resolve(hello.getJobId(), ProtoParameters.requested(hello));
        } catch (InvalidParameterException e) {
            throw Status.INVALID_ARGUMENT.withDescription("Hello.parameters." + e.getMessage()).asException();
        }
    }

    /**
     * The job, made if new with {@code parameters} (see {@link HeldJobs#job}).
     *
     * @throws StatusException RESOURCE_EXHAUSTED at {@link Limits#maxJobs()} when no job can leave memory
     */
    public Job job(String jobId, EffectiveParameters parameters) throws StatusException {
        return jobs.job(jobId, parameters);
    }

    /** A job not held in memory: the one the state store kept, if any, else a new one. */
    private Job makeJob(String jobId, EffectiveParameters parameters) throws StatusException {
        JobPersistence p = persistence;
        int maxInstances = options.limits().maxInstancesPerJob();
        if (p != null) {
            try {
                Optional<Job> kept = p.restore(jobId, options.action(), maxInstances);
                if (kept.isPresent()) {
                    return kept.get();
                }
            } catch (IOException e) {
                throw Status.INTERNAL.withDescription(e.getMessage()).asException();
            }
        }
        return new Job(jobId, parameters, options.action(), p != null, maxInstances);
    }

    /** The job's stored state changed (counts, instances, Goodbye): with a state dir, store it soon. */
    public void stateChanged(Job job) {
        JobPersistence p = persistence;
        if (p != null) {
            p.changed(job);
        }
    }

    /** Evicts every job no agent has been connected to for {@link Limits#evictIdleJobsAfter()}. */
    public void evictIdle() {
        jobs.evictIdle();
    }

    public Optional<Job> find(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    public Collection<Job> jobs() {
        return new ArrayList<>(jobs.values());
    }

    /** The address agents reach the collector at (for the idle timeout's line). */
    public void listeningOn(String address) {
        this.address = address;
    }

    public void opened(AgentConnection stream) {
        anyAgentConnected = true;
        streams.add(stream);
    }

    public void closed(AgentConnection stream, Job job) {
        if (streams.remove(stream) && streams.isEmpty()) {
            idleSinceNanos = System.nanoTime();
        }
        // The job's report file is rewritten on the next tick (--report-interval): not once per stream.
        checkDone();
    }

    public List<AgentConnection> openStreams() {
        return new ArrayList<>(streams);
    }

    /**
     * A stream has been welcomed into the job: under --action log, an agent of a job whose stop decision was taken is
     * told at once (a Notice), as a late agent under --action stop gets Stop in its Welcome.
     */
    public void joined(AgentConnection stream, Job job) {
        if (options.action() == Action.LOG) {
            job.decided().ifPresent(decision -> stream.sendNotice(ProtoFindings.notice(decision)));
        }
    }

    /**
     * Tells the stream's agent what was not applied of the parameters it asked for (a Notice), and says it in the
     * collector's log once per instance.
     */
    public void parametersNoted(AgentConnection stream, Job job, JobParameterState.Note note) {
        if (note.log()) {
            log.warn("job " + LogText.quote(job.id()) + ": " + stream.who() + ": " + LogText.escape(note.text()));
        }
        stream.sendParametersNote(note.text());
    }

    /** The job's report changed in a way worth writing now rather than on the next tick. */
    void changed(Job job) {
        JobReportFiles files = reportFiles;
        if (files != null) {
            files.write(job);
        }
    }

    /** One line per refused stream, at most {@link #REFUSED_LINES} a minute (a client can cause them). */
    public void rejected(AgentConnection stream, Status status) {
        long held = refusedLines.admit();
        if (held != LineRateLimit.SUPPRESS) {
            log.warn("closed the stream of " + stream.who() + " with " + status.getCode() + ": "
                    + LogText.escape(status.getDescription()) + (held > 0 ? " " + refusedLines.suppressedNote(held)
                    : ""));
        }
    }

    /** An instance attached to a running JVM (Hello.attached) had its first batch counted: where its counts start. */
    public void attachedCountsStart(Job job, String workerId, Instance instance, Record record) {
        log.info("job " + LogText.quote(job.id()) + ": worker " + LogText.quote(workerId) + " (pid "
                + instance.pid + "): agent attached during training, its counts start at "
                + record.mode().jsonName() + " step " + record.step() + "; earlier batches were not seen");
    }

    /**
     * The job's rule fired for the first time, a check stopped holding (the stop decision starts again), or the
     * decision to act was reached: say so, one line each, and stop the job's agents if asked to.
     */
    public void triggered(Job job, CountedBatch counted) {
        Optional<Decision> decided = counted.decided();
        DecisionDelivery.Acted acted = decided.isPresent() ? DecisionDelivery.act(job, counted, this::openStreams)
                : null;
        Optional<Finding> first = counted.firstTrigger();
        boolean decidedAtTrigger = decided.isPresent() && decided.get().atFirstTrigger();
        Report report = first.isPresent() || decided.isPresent() ? job.report() : null;
        if (first.isPresent()) {
            log.warn(DecisionLines.trigger(job.id(), first.get()) + "; "
                    + (decidedAtTrigger ? acted.line() : DecisionLines.pending(first.get(), job.patience(),
                            options.action() == Action.STOP)) + DecisionLines.advice(report, job.frameworks()));
            alerts.triggered(job.id(), first.get(), report);
        }
        for (Span span : counted.ended()) {
            if (job.mayLogReset(MAX_RESET_LINES)) {
                log.info(DecisionLines.reset(job.id(), span));
            }
        }
        if (decided.isPresent() && !decidedAtTrigger) {
            log.warn(DecisionLines.decision(job.id(), decided.get(), counted.stop() != null) + "; " + acted.line());
        }
        if (decided.isPresent()) {
            alerts.decided(job.id(), decided.get(), report);
            if (counted.stop() != null) {
                alerts.stopSent(job.id(), decided.get(), acted.agents(), report);
            }
        }
        changed(job);
        checkDone();
    }

    /** Sidecar mode: done once a job's stop decision was reached, or every agent is gone (see {@link DoneCheck}). */
    public void checkDone() {
        doneCheck.checkDone();
    }

    /** --idle-timeout: done once no agent has had a stream open for that long (see {@link DoneCheck}). */
    public void checkIdle() {
        doneCheck.checkIdle(streams.isEmpty(), idleSinceNanos, anyAgentConnected, address);
    }

    /** 1 if any job's rule fired, else 0 (as `evaluate`). */
    public int exitStatus() {
        return doneCheck.exitStatus();
    }

    public CompletableFuture<Integer> done() {
        return doneCheck.done();
    }

    /** The collector is closing: done with whatever was found. */
    public void closing() {
        doneCheck.closing();
    }
}
