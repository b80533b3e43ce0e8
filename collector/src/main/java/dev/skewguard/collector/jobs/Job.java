package dev.skewguard.collector.jobs;

import dev.skewguard.collector.decision.Decision;
import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.decision.StopDecision;
import dev.skewguard.collector.history.ModeHistory;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.Limits;
import dev.skewguard.collector.params.EffectiveParameters;
import dev.skewguard.collector.protocol.ProtoParameters;
import dev.skewguard.collector.protocol.ProtoWelcomes;
import dev.skewguard.collector.rule.ClassImbalanceRule;
import dev.skewguard.collector.rule.Finding;
import dev.skewguard.collector.rule.Headroom;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.Record;
import dev.skewguard.collector.rule.Report;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.state.GroupCommit;
import dev.skewguard.proto.v1.Goodbye;
import dev.skewguard.proto.v1.Hello;
import dev.skewguard.proto.v1.Welcome;
import io.grpc.Status;
import io.grpc.StatusException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One training job: one rule state fed by every worker of the job, the decision to act on it ({@link StopDecision}:
 * Stop goes out only once a check has held over its patience), and the sequence numbers counted per worker
 * instance so that a batch sent again after a reconnect counts once.
 *
 * <p>gRPC calls arrive on many threads; every method here holds the job's lock (its monitor) for a short time.
 * Nothing here sends on a stream: callers send after the lock is released. The job's parts ({@link JobStreams},
 * {@link JobStop}, {@link StoredProgress}, {@link JobReport}) are guarded by the same lock.
 */
public final class Job implements GroupCommit.Source {
    private final String jobId;
    private final ClassImbalanceRule rule;
    private final StopDecision decision;
    private final JobInstances instances;
    /** The parameters the job's first Hello fixed, and the workers that asked for others. */
    private final JobParameterState parameters;
    /** The streams connected now, and whether the job was evicted. */
    private final JobStreams streams = new JobStreams();
    /** The Stop, once decided under --action stop. */
    private final JobStop stop;

    private final JobTimeline timeline;
    private long batchesCounted;
    private long duplicateBatches;
    private long rejectedStreams;
    private Finding finding;
    private long version;
    private int resetLines;
    /** An instance resumed above sequence 1 that this collector knew nothing of: it lost state (a restart). */
    private boolean lostState;
    /** Restored from the state dir at start. */
    private final boolean restored;
    /** Kept in a state dir: Welcome says durable and Acks carry persisted_through. */
    private final boolean durable;
    /** How far the job is stored (with a state dir). */
    private final StoredProgress stored;
    private final JobReport reportCache = new JobReport();

    public Job(String jobId, RuleParameters parameters, Patience patience, Action action, boolean durable,
        int maxInstances) {
        this(jobId, EffectiveParameters.ofCollector(parameters, patience), action, durable, maxInstances);
    }

    /** A new job judged by {@code parameters} (see {@link dev.skewguard.collector.params.ParameterResolver}). */
    Job(String jobId, EffectiveParameters parameters, Action action, boolean durable, int maxInstances) {
        this.jobId = jobId;
        this.stop = new JobStop(action);
        this.instances = new JobInstances(jobId, maxInstances);
        this.parameters = new JobParameterState(parameters);
        this.rule = new ClassImbalanceRule(parameters.rule());
        this.decision = new StopDecision(rule, parameters.patience());
        this.durable = durable;
        this.restored = false;
        this.timeline = JobTimeline.startingNow();
        this.stored = new StoredProgress(this, 0);
    }

    /** The job as stored in {@code state}: it continues where the stored one was when it was committed. */
    Job(JobState state, Action action, int maxInstances) {
        this.jobId = state.jobId();
        this.stop = new JobStop(action);
        this.instances = new JobInstances(jobId, maxInstances);
        this.rule = ClassImbalanceRule.restore(state.rule());
        this.decision = StopDecision.restore(rule, state.decision());
        this.parameters = new JobParameterState(state.parameters() != null ? state.parameters()
                : EffectiveParameters.ofCollector(rule.parameters(), decision.patience()));
        this.durable = true;
        this.restored = true;
        this.batchesCounted = state.batchesCounted();
        this.duplicateBatches = state.duplicateBatches();
        this.rejectedStreams = state.rejectedStreams();
        this.resetLines = state.resetLines();
        this.lostState = state.lostState();
        this.timeline = state.timeline() == null ? new JobTimeline() : state.timeline();
        instances.restore(state.instances());
        this.finding = rule.finding().orElse(null);
        stop.restored(decision.decision());
        this.version = 1;
        this.stored = new StoredProgress(this, 1);
    }

    public boolean durable() {
        return durable;
    }

    /** True if the job was restored from the state dir (its report file continues the stored counts). */
    public boolean restored() {
        return restored;
    }

    @Override
    public String key() {
        return jobId;
    }

    /** The job's state now, as bytes to store, and what to tell once they are stored. */
    @Override
    public synchronized GroupCommit.Captured capture() {
        return stored.capture(new JobState(jobId, rule.state(), decision.state(), batchesCounted, duplicateBatches,
                rejectedStreams, resetLines, lostState, instances.all(), timeline, parameters.effective()), version);
    }

    /** The highest sequence of {@code instance} stored durably (0 without a state dir). */
    public synchronized long persistedThrough(Instance instance) {
        return instance.persistedSequence;
    }

    /** The version of the last state stored: everything up to it survives a crash. */
    public synchronized long persistedVersion() {
        return stored.persistedVersion();
    }

    /** The streams of this job now (to tell them what was persisted). */
    synchronized List<AgentConnection> streams() {
        return streams.all();
    }

    public String id() {
        return jobId;
    }

    /**
     * Registers a stream that said Hello on {@code connection} and returns the Welcome it gets; null if the job was
     * evicted meanwhile (ask the registry for the job again).
     *
     * @throws StatusException RESOURCE_EXHAUSTED when the Hello's instance is new and the job has its
     *     {@link Limits#maxInstancesPerJob()} already; ALREADY_EXISTS when the instance has a live stream on another
     *     connection: a worker's instance is not taken over (its batches would be thrown away as duplicates); the
     *     real worker reconnects on its own connection, or once its old one is found dead (see {@link JobInstances})
     */
    public synchronized Welcome join(AgentConnection stream, Hello hello, String connection) throws StatusException {
        if (streams.evicted()) {
            return null;
        }
        Instance instance = instances.join(hello, connection);
        parameters.joined(hello.getWorkerId(), hello.getInstanceId(), ProtoParameters.requested(hello));
        streams.joined(stream);
        changed();
        return ProtoWelcomes.welcome(instance.lastCountedSequence, rule.parameters(), durable,
                instance.persistedSequence, stop.stop());
    }

    public synchronized Instance instance(String instanceId) {
        return instances.get(instanceId);
    }

    /**
     * Counts {@code record} as batch {@code sequence} of {@code instance} unless it was counted before;
     * {@code framework} and {@code task} are the batch's Batch.framework and Batch.task ("" when it names none).
     *
     * @throws StatusException OUT_OF_RANGE when the sequence skips ahead; INVALID_ARGUMENT when the rule refuses
     *     the record. Nothing is counted then.
     */
    public synchronized CountedBatch count(Instance instance, long sequence, long droppedSincePrevious,
            String framework, String task, Record record) throws StatusException {
        BatchSequence place = BatchSequence.of(instance, sequence);
        if (place == BatchSequence.DUPLICATE) {
            duplicateBatches++;
            return CountedBatch.duplicate(instance.lastCountedSequence);
        }
        Optional<Finding> fired;
        try {
            fired = rule.accept(record);
        } catch (IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT.withDescription("batch " + sequence + ": " + e.getMessage()).asException();
        }
        StopDecision.Update update = decision.afterRecord();
        if (place == BatchSequence.RESUMED) {
            lostState = true; // an instance this collector knew nothing of resumes: counted from here
        }
        boolean attachedCountsStart = place.counted(instance, sequence, droppedSincePrevious, task, record);
        batchesCounted++;
        changed();
        if (fired.isPresent() && finding == null) {
            finding = fired.get();
        } else {
            fired = Optional.empty();
        }
        timeline.counted(record, framework, fired.isPresent(), update.decided().isPresent());
        List<AgentConnection> toStop = stop.decided(update.decided(), streams);
        return new CountedBatch(sequence, false, fired, update.ended(), update.decided(), stop.stop(), toStop,
                attachedCountsStart);
    }

    /** Every change to what the report shows bumps the version and the report's updated time. */
    private void changed() {
        version++;
        timeline.changed();
    }

    /** True for the first {@code max} calls: lines saying the stop decision reset are bounded per job. */
    synchronized boolean mayLogReset(int max) {
        return resetLines++ < max;
    }

    synchronized void stopDelivered() {
        stop.delivered();
    }

    public synchronized void goodbye(Instance instance, Goodbye goodbye) {
        instance.goodbye(goodbye);
        changed();
    }

    /** How far the rule is from firing, as one connected agent's share of it (see Ack.labels_to_spare). */
    public synchronized Headroom headroomShare() {
        return decision.headroom().shareOf(streams.size());
    }

    /** The stream has ended, for whatever reason. */
    public synchronized void leave(AgentConnection stream, Instance instance, boolean rejected) {
        if (!streams.left(stream)) {
            return;
        }
        if (instance != null) {
            instance.connectedStreams--;
        }
        if (rejected) {
            rejectedStreams++;
        }
        changed();
    }

    /**
     * Marks the job evicted if no agent is connected and, with {@code idle}, it has had no agent since
     * {@code idleSinceNanos} or before (finished or not: its report stays readable that long), or, without, it is
     * finished (every instance said Goodbye: room is needed at --max-jobs); a stream joining later asks the registry
     * again.
     */
    synchronized boolean evictIf(boolean idle, long idleSinceNanos) {
        return streams.evictIf(idle, idleSinceNanos, instances);
    }

    /** Grows whenever the report would change. */
    public synchronized long version() {
        return version;
    }

    public synchronized JobSnapshot snapshot() {
        return new JobSnapshot(batchesCounted, duplicateBatches, instances.droppedBatches(), rejectedStreams,
                streams.size(), instances.size(), instances.size() > 0 && instances.allSaidGoodbye(),
                streams.lastGoneNanos(), finding != null, decision.decision().isPresent(), stop.isDelivered());
    }

    /** The rule's history per mode (see {@link ClassImbalanceRule#history()}). */
    public synchronized Map<Mode, ModeHistory.Snapshot> history() {
        return rule.history();
    }

    /** The rule's report (a snapshot: cheap to read outside the lock). */
    public synchronized Report report() {
        return rule.report();
    }

    /** The decision to act on the rule, once taken. */
    public synchronized Optional<Decision> decided() {
        return decision.decision();
    }

    public synchronized Optional<Finding> finding() {
        return Optional.ofNullable(finding);
    }

    /** The frameworks whose batches were counted, for the finding's advice. */
    synchronized List<String> frameworks() {
        return timeline.frameworks();
    }

    /** What the agent of {@code instanceId} that asks for {@code requested} is told of the job's parameters. */
    public synchronized Optional<JobParameterState.Note> parametersNote(Map<String, String> requested,
                                                                     String instanceId) {
        return parameters.note(requested, instanceId);
    }

    /** The parameters the job is judged by (immutable: read without the lock). */
    public EffectiveParameters parameters() {
        return parameters.effective();
    }

    /** The stop decision's patience, for log lines. */
    Patience patience() {
        return decision.patience();
    }

    /** The job's report: the rule's report plus what the server knows (workers, drops, the stop). */
    public String reportJson() {
        JobReport.Inputs inputs;
        synchronized (this) {
            String cached = reportCache.cached(version);
            if (cached != null) {
                return cached; // every change bumps version: a report is built once per change at most
            }
            JobInstances.Totals workers = instances.totals();
            inputs = new JobReport.Inputs(version, rule.report(), decision.report(), timeline.times(),
                    timeline.frameworks(), jobId, stop.action(), stop.stop() != null, batchesCounted,
                    duplicateBatches, lostState, workers, rejectedStreams, parameters.report());
        }
        String json = inputs.toJson();
        synchronized (this) {
            reportCache.built(inputs.version(), version, json);
        }
        return json;
    }
}
