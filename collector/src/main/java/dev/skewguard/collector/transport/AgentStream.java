package dev.skewguard.collector.transport;

import dev.skewguard.collector.jobs.AgentConnection;
import dev.skewguard.collector.jobs.Instance;
import dev.skewguard.collector.jobs.Job;
import dev.skewguard.collector.jobs.JobRegistry;
import dev.skewguard.collector.logging.LogText;
import dev.skewguard.collector.params.EffectiveParameters;
import dev.skewguard.collector.protocol.ProtoParameters;
import dev.skewguard.collector.security.Caller;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.Batches;
import dev.skewguard.proto.v1.CollectorMessage;
import dev.skewguard.proto.v1.Goodbye;
import dev.skewguard.proto.v1.Hello;
import dev.skewguard.proto.v1.Notice;
import dev.skewguard.proto.v1.Stop;
import dev.skewguard.proto.v1.Welcome;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One agent connection: the Hello, Batch/Batches..., Goodbye conversation of the protocol; what the collector says
 * back (Welcome, coalesced Acks, Stop, Notice, the end of the call) goes through its {@link StreamReplies}.
 *
 * <p>Inbound flow control is manual: messages are requested only as earlier ones are counted ({@link ReadAhead}: a
 * few ahead while they are small, one at a time when they are large), so a slow rule slows its senders instead of
 * making the server buffer without bound.
 *
 * <p>gRPC delivers this stream's messages one at a time; Stop may be sent from another stream's thread (see
 * {@link StreamReplies} for its lock). This object's monitor guards only the job version a completion awaits.
 */
public final class AgentStream implements StreamObserver<InboundMessage>, AgentConnection {
    private enum State { AWAITING_HELLO, OPEN, ENDED }

    private final JobRegistry registry;
    private final ServerCallStreamObserver<CollectorMessage> out;
    private final StreamReplies replies;
    /** Who opened the stream: what its token grants, which connection it came on. */
    private final Caller caller = Caller.current();
    /** gRPC's serialized inbound callbacks only. */
    private final ReadAhead readAhead = new ReadAhead();

    // Written only by gRPC's serialized inbound callbacks; read also when the stream ends from elsewhere.
    private volatile State state = State.AWAITING_HELLO;
    private volatile Job job;
    private volatile Instance instance;
    /** Set once the stream joined its job. */
    private volatile InstanceCounting counting;
    private volatile String who = "an agent that has not said Hello";

    /** With a state dir: the job version whose commit completes this stream (after Goodbye); 0: none awaited. */
    private long endOnceVersionStored; // guarded by this

    AgentStream(JobRegistry registry, ServerCallStreamObserver<CollectorMessage> out,
                ScheduledExecutorService ackTimer) {
        this.registry = registry;
        this.out = out;
        this.replies = new StreamReplies(out, ackTimer, countedThrough -> counting.ack(countedThrough));
        out.disableAutoRequest();
        out.setOnCancelHandler(this::cancelled);
        out.setOnReadyHandler(replies::flushAck);
        registry.opened(this);
        out.request(readAhead.start());
    }

    @Override
    public void onNext(InboundMessage inbound) {
        if (state == State.ENDED) {
            return; // read ahead (see ReadAhead) before the stream ended: nothing more is counted or answered
        }
        if (inbound.error() != null) {
            fail(inbound.error());
            return;
        }
        AgentMessage message = inbound.message();
        try {
            switch (message.getKindCase()) {
                case HELLO:
                    hello(message.getHello());
                    break;
                case BATCH:
                    requireOpen("Batch");
                    long countedThrough = counting.count(message.getBatch());
                    registry.stateChanged(job);
                    replies.counted(countedThrough, 1);
                    break;
                case BATCHES:
                    batches(message.getBatches());
                    break;
                case GOODBYE:
                    goodbye(message.getGoodbye());
                    break;
                default:
                    throw Status.INVALID_ARGUMENT
                            .withDescription("empty AgentMessage: set hello, batch, batches or goodbye")
                            .asException();
            }
        } catch (StatusException e) {
            fail(e.getStatus());
        } catch (RuntimeException e) {
            fail(Status.INTERNAL.withDescription("collector error: " + e).withCause(e));
        }
        if (state != State.ENDED) {
            int more = readAhead.handled(inbound.bytes());
            if (more > 0) {
                out.request(more);
            }
        }
    }

    private void hello(Hello hello) throws StatusException {
        if (state != State.AWAITING_HELLO) {
            throw Status.FAILED_PRECONDITION.withDescription("second Hello on one stream").asException();
        }
        HelloChecks.requireFields(hello);
        who = "worker " + LogText.quote(hello.getWorkerId()) + " of job " + LogText.quote(hello.getJobId());
        HelloChecks.requireGrant(hello, caller);
        EffectiveParameters parameters = registry.parametersFor(hello); // a bad value: nothing changes
        Welcome welcome;
        do {
            job = registry.job(hello.getJobId(), parameters);
            welcome = job.join(this, hello, caller.connection()); // null: the job left memory (see HeldJobs)
        } while (welcome == null);
        instance = job.instance(hello.getInstanceId());
        counting = new InstanceCounting(registry, job, instance, hello.getWorkerId());
        state = State.OPEN;
        if (replies.welcome(welcome, Integer.toUnsignedLong(hello.getMaxUnacknowledged()))) {
            // The collector shut the stream while it joined: leave the job again.
            gone(false);
            return;
        }
        job.parametersNote(ProtoParameters.requested(hello), hello.getInstanceId())
                .ifPresent(note -> registry.parametersNoted(this, job, note));
        registry.joined(this, job);
        // The job's report file is rewritten on the next tick (--report-interval), not once per Hello.
        registry.stateChanged(job);
    }

    /** Counts each batch in order, as if each had come alone; one Ack decision for the whole message. */
    private void batches(Batches batches) throws StatusException {
        requireOpen("Batches");
        int n = batches.getBatchesCount();
        if (n == 0) {
            throw Status.INVALID_ARGUMENT.withDescription("Batches with no batch in it").asException();
        }
        long countedThrough = 0;
        int counted = 0;
        try {
            for (int i = 0; i < n; i++) {
                countedThrough = counting.count(batches.getBatches(i));
                counted++;
            }
        } finally {
            // Batches before a bad one stay counted: acknowledge them before the stream fails.
            if (counted > 0) {
                registry.stateChanged(job);
                replies.counted(countedThrough, counted);
            }
        }
    }

    private void goodbye(Goodbye goodbye) throws StatusException {
        requireOpen("Goodbye");
        job.goodbye(instance, goodbye);
        endOnceStored();
    }

    /**
     * The agent is done (Goodbye, or a half-close): acknowledge and complete the call with OK, which tells it that
     * everything is counted; with a state dir, only once everything counted (and the Goodbye) is stored.
     */
    private void endOnceStored() {
        if (!job.durable()) {
            replies.flushAck();
            end(Status.OK, false);
            return;
        }
        synchronized (this) {
            endOnceVersionStored = job.version();
        }
        registry.stateChanged(job);
    }

    /** A commit stored this stream's job (on the group commit's thread): Ack persisted_through; maybe complete. */
    @Override
    public void persisted() {
        if (!replies.persisted()) {
            return;
        }
        boolean complete;
        synchronized (this) {
            complete = endOnceVersionStored > 0 && job.persistedVersion() >= endOnceVersionStored;
        }
        if (complete) {
            replies.flushAck();
            end(Status.OK, false);
        }
    }

    private void requireOpen(String what) throws StatusException {
        if (state == State.AWAITING_HELLO) {
            throw Status.FAILED_PRECONDITION.withDescription(
                    what + " before Hello: the first message of a stream must be Hello").asException();
        }
        if (state == State.ENDED) {
            throw Status.FAILED_PRECONDITION.withDescription(what + " after the stream ended").asException();
        }
    }

    /** Sends Stop once, unless this stream is closed or already got it (in Welcome or before). */
    @Override
    public boolean sendStop(Stop stop) {
        return replies.sendStop(stop);
    }

    /** Sends the Notice once, after Welcome, unless this stream is closed or already got one. */
    @Override
    public boolean sendNotice(Notice notice) {
        return replies.sendNotice(notice);
    }

    /** Sends a Notice with {@code note} (Notice.parameters_note) once, after Welcome. */
    @Override
    public void sendParametersNote(String note) {
        replies.sendParametersNote(Notice.newBuilder().setParametersNote(note).build());
    }

    /** The job this stream said Hello for, if it has. */
    @Override
    public Job job() {
        return job;
    }

    /** Ends the stream with {@code status} on the collector's initiative. */
    void fail(Status status) {
        registry.rejected(this, status);
        end(status, true);
    }

    /** Ends the stream (collector shutting down). */
    @Override
    public void shutDown() {
        end(Status.UNAVAILABLE.withDescription("collector is shutting down; reconnect with backoff"), false);
    }

    private void end(Status status, boolean rejected) {
        if (!replies.close()) {
            return; // already ended: nothing more is sent
        }
        // Leave the job before the agent learns that the call ended: it is then no longer counted as connected.
        gone(rejected);
        replies.complete(status);
    }

    private void cancelled() {
        replies.close();
        gone(false);
    }

    private void gone(boolean rejected) {
        state = State.ENDED;
        Job joined = job;
        if (joined != null) {
            joined.leave(this, instance, rejected);
        }
        registry.closed(this, joined);
    }

    @Override
    public void onError(Throwable t) {
        cancelled();
    }

    @Override
    public void onCompleted() {
        // The agent half-closed without Goodbye: it is gone; acknowledge what was counted, complete the call.
        if (state == State.OPEN) {
            endOnceStored();
            return;
        }
        end(Status.OK, false);
    }

    /** "worker "w0" of job "j1"", for log lines. */
    @Override
    public String who() {
        return who;
    }
}
