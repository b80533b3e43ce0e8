package dev.skewguard.agent.export;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.AgentVersion;
import dev.skewguard.agent.ConsoleText;
import dev.skewguard.agent.capture.BatchQueue;
import dev.skewguard.agent.capture.CapturedBatch;
import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.config.JobIdentity;
import dev.skewguard.agent.stop.StopController;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.Goodbye;
import dev.skewguard.proto.v1.Hello;
import dev.skewguard.proto.v1.Stop;
import io.grpc.Status;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one background sender: takes captured batches from the queue, numbers and encodes them, sends them to the
 * collector under flow control as often as {@link SendSchedule} says (while batches keep coming, at most one message
 * per {@code send_interval}), keeps the unacknowledged ones for resending after a reconnect ({@link ResendWindow},
 * from Welcome.last_counted_sequence), reconnects with backoff, and at JVM exit flushes for at most flush_timeout and
 * says Goodbye. The transport is {@link CollectorChannel}. It runs on a daemon thread and never holds the JVM open.
 */
final class Exporter {
    /** The collector's default limit is 16 MiB; stay clear of it. */
    static final int MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
    private static final long WELCOME_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);
    /** The longest the sender parks at a time; offers, Acks it waits for, readiness, Stop and the exit wake it. */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final AgentConfig config;
    private final List<String> instrumentations;
    private final BatchQueue queue;
    private final BatchEncoder encoder;
    private final Backoff backoff = new Backoff();
    private final int window;
    private final SendSchedule schedule;
    private final ResendWindow held = new ResendWindow();
    /**
     * Batches drained from the queue and not yet encoded (sender thread only): while the first connection is made
     * the sender holds them here, not encoded, so that an unreachable collector never gets protobuf initialised.
     */
    private final List<CapturedBatch> taken = new ArrayList<>();
    private final SenderLifecycle life;

    private String instanceId = UUID.randomUUID().toString();
    private boolean warnedUnreachable;
    private boolean warnedTooLarge;
    private boolean warnedRejected;
    private final AccessRefusals refusals = new AccessRefusals();
    private CollectorChannel channel;
    private Hello hello;

    Exporter(AgentConfig config, List<String> instrumentations, BatchQueue queue, SenderLifecycle life) {
        this.config = config;
        this.instrumentations = instrumentations;
        this.queue = queue;
        this.encoder = new BatchEncoder(config.wantsScores());
        this.window = config.buffer();
        this.schedule = new SendSchedule(TimeUnit.MILLISECONDS.toNanos(config.sendIntervalMillis()),
                System.nanoTime());
        this.life = life;
    }

    /**
     * The warm-up, before the first captured batch: builds the channel object and the Hello and loads the classes
     * the sender will need (gRPC, its OkHttp transport, protobuf). Opens no connection: a gRPC channel connects on
     * its first call.
     */
    void prepare() {
        if (channel != null) {
            return;
        }
        channel = new CollectorChannel(config.endpoint(), config.security());
        hello = hello();
        SenderClasses.preload(Exporter.class.getClassLoader(), life::firstBatchCaptured);
    }

    /** Streams until the exit flush is done. Prepares first if the warm-up did not. */
    void run() {
        prepare();
        try {
            while (true) {
                StreamSession session = connect();
                if (session == null) {
                    // At exit, a collector that was never reached gets no more retries; one that was (connected,
                    // or it refused the agent itself) gets them until flush_timeout.
                    if (life.closing() && (!life.everReached() || life.flushTimeUp())) {
                        break;
                    }
                    waitBackoff();
                    continue;
                }
                long ackedBefore = held.nextSequence() - held.size();
                if (pump(session)) {
                    break;
                }
                // The session ended. If the collector acknowledged something on it, reconnect at once; if not (it
                // keeps failing the stream), back off like any failed attempt.
                if (held.nextSequence() - held.size() > ackedBefore) {
                    backoff.reset();
                } else if (!life.closing()) {
                    waitBackoff();
                }
            }
        } finally {
            channel.close();
        }
    }

    private Hello hello() {
        long pid = ProcessHandle.current().pid();
        String host = hostName();
        return Hello.newBuilder()
                .setJobId(JobIdentity.job(config))
                .setWorkerId(JobIdentity.worker(config, host + ":" + pid))
                .setInstanceId(instanceId)
                .setPid(pid)
                .setHost(host)
                .addAllFrameworks(instrumentations)
                .setAgentVersion(AgentVersion.version())
                .setMaxUnacknowledged(window)
                .build();
    }

    /** Opens a Stream, says Hello and waits for Welcome; null if that failed (logged once). */
    private StreamSession connect() {
        life.helloSent();
        StreamSession session = new StreamSession(this::wakeUp, this::onStop, life::acknowledged);
        channel.open(session);
        // Job and worker ids as named now: an instrumentation may have named them after the warm-up (JobIdentity).
        session.send(AgentMessage.newBuilder().setHello(hello.toBuilder().setInstanceId(instanceId)
                .setJobId(JobIdentity.job(config))
                .setWorkerId(JobIdentity.worker(config, hello.getHost() + ":" + hello.getPid()))).build());
        long deadline = System.nanoTime() + WELCOME_TIMEOUT_NANOS;
        while (session.welcome() == null && session.endStatus() == null) {
            long now = System.nanoTime();
            if (now - deadline >= 0 || life.flushTimeUp()) {
                session.cancel("no Welcome from the collector");
                noteUnreachable(life.flushTimeUp() ? "no answer before flush_timeout ran out at exit"
                        : "no answer within " + TimeUnit.NANOSECONDS.toSeconds(WELCOME_TIMEOUT_NANOS) + " s");
                return null;
            }
            // Meanwhile the sender takes what the queue holds (as much as its window has room for), so that the
            // queue has room for the training's next batches while the connection is made.
            drainQueue();
            LockSupport.parkNanos(this, IDLE_PARK_NANOS);
        }
        if (session.welcome() == null) {
            Status end = session.endStatus();
            if (end.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                // The Hello was refused at one of the collector's limits (jobs, instances): nothing of the data was
                // judged; keep the held batches and retry with backoff.
                refusals.note(end, describe(end));
                life.refused(describe(end));
            } else {
                noteEnd(end);
            }
            return null;
        }
        if (!life.everConnected()) {
            life.connected();
            if (warnedUnreachable) {
                AgentLog.info("connected to the collector at " + config.endpoint());
            }
        }
        held.release(StreamSession.releasable(session.welcome()));
        return session;
    }

    /**
     * Streams batches on an open session until it ends (returns false: reconnect) or the exit flush is done or out
     * of time (returns true).
     */
    private boolean pump(StreamSession session) {
        // After Welcome, resend everything still held above last_counted_sequence, then go on.
        held.rewind();
        while (true) {
            Status end = session.endStatus();
            if (end != null) {
                noteEnd(end);
                return false;
            }
            long released = session.countedThrough();
            held.release(released);
            takeFromQueue();
            long now = System.nanoTime();
            boolean spare = held.unsentBatches() > 0 && held.coveredBy(session.headroom());
            if (schedule.due(now, held.unsentBatches(), held.unsentBytes(), life.closing(), spare)
                    && session.isReady()) {
                do {
                    session.send(held.nextMessage());
                } while (held.unsentBatches() > 0 && session.isReady());
                schedule.sent(now);
            }
            if (life.closing()) {
                if (queue.isEmpty() && held.unsentBatches() == 0) {
                    // Everything is written: say Goodbye without waiting for the last Acks. The collector handles a
                    // stream's messages in order and completes it with OK only after counting all of them, so OK
                    // acknowledges everything. If the Goodbye was lost with the connection, reconnect, resend what
                    // is unacknowledged and say it again.
                    if (sayGoodbye(session, 0)) {
                        held.reset(true);
                        return true;
                    }
                    return life.flushTimeUp();
                }
                if (life.flushTimeUp()) {
                    // The exit report says how many the collector did not confirm, and why.
                    long unsent = held.size() + queue.size();
                    sayGoodbye(session, unsent);
                    return true;
                }
            }
            idle(session, released, now, spare);
        }
    }

    /**
     * Parks until there is something to do (at most {@link #IDLE_PARK_NANOS}): with a full resend window, until an
     * Ack (new batches could not be taken anyway); with unsent batches the transport cannot take yet, until it is
     * ready; else until the schedule's interval is up, or until enough new batches make a message worth sending
     * early (with nothing to send and the interval up: until the next batch). Readiness, Stop, the end of the call
     * and the exit always wake the sender. {@code released}: the counted_through last released.
     */
    private void idle(StreamSession session, long released, long now, boolean spare) {
        boolean windowFull = held.size() >= window;
        boolean awaitingAck = windowFull || (life.closing() && !held.isEmpty());
        session.wakeOnAck(awaitingAck);
        if (awaitingAck && session.countedThrough() != released) {
            return; // an Ack came meanwhile
        }
        int unsent = held.unsentBatches();
        if (windowFull || (unsent > 0 && !session.isReady()) || (life.closing() && unsent == 0 && !held.isEmpty())) {
            LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            return;
        }
        long wait = life.closing() ? 0 : schedule.nanosUntilDue(now, spare);
        if (unsent > 0 && wait == 0) {
            return; // due now
        }
        int wakeAfter = wait > 0 ? Math.max(1, SendSchedule.EARLY_BATCHES - unsent) : 1;
        if (queue.senderParking(wakeAfter)) {
            try {
                LockSupport.parkNanos(this, wait > 0 ? Math.min(wait, IDLE_PARK_NANOS) : IDLE_PARK_NANOS);
            } finally {
                queue.senderAwake();
            }
        }
    }

    /**
     * Takes what waits in the queue (as much as the window has room for) under one acquisition of the queue's lock,
     * not one per batch: fewer chances that a training thread's offer waits for the sender.
     */
    private void drainQueue() {
        queue.drainTo(taken, window - held.size() - taken.size());
    }

    /** Moves batches from the queue into the resend window, numbering and encoding them. */
    private void takeFromQueue() {
        drainQueue();
        for (CapturedBatch captured : taken) {
            long dropped = queue.takeDroppedSincePrevious();
            long sequence = held.nextSequence();
            EncodedBatch batch;
            try {
                batch = new EncodedBatch(sequence, encoder.encode(captured, sequence, dropped),
                        captured.labels().length, maxLabel(captured.labels()), 1 << captured.mode().ordinal(),
                        queue.counts().of(captured.framework()));
            } catch (RuntimeException e) {
                queue.returnDropped(dropped);
                queue.countDropped(captured.framework());
                continue;
            }
            if (batch.size() > MAX_BATCH_BYTES) {
                queue.returnDropped(dropped);
                queue.countDropped(captured.framework());
                if (!warnedTooLarge) {
                    warnedTooLarge = true;
                    AgentLog.warn("dropped a captured batch of " + batch.size()
                            + " bytes: larger than the collector accepts (counted as dropped)");
                }
                continue;
            }
            held.add(batch);
        }
        taken.clear();
    }

    private static int maxLabel(int[] labels) {
        int max = -1;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return max;
    }

    /** Says Goodbye and half-closes; true if the collector then completed the call with OK. */
    private boolean sayGoodbye(StreamSession session, long unsent) {
        try {
            session.send(AgentMessage.newBuilder().setGoodbye(Goodbye.newBuilder()
                    .setDroppedTotal(queue.droppedTotal())
                    .setUnsent(unsent)).build());
        } catch (RuntimeException e) {
            return false; // the call is gone
        }
        try {
            session.halfClose();
        } catch (RuntimeException e) {
            // the collector may already have completed the call (it may, after Goodbye): see its status below
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        if (life.closing() && life.flushDeadlineNanos() - deadline < 0) {
            deadline = life.flushDeadlineNanos();
        }
        while (session.endStatus() == null && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(10));
        }
        Status end = session.endStatus();
        return end != null && end.isOk();
    }

    private void noteEnd(Status status) {
        Status.Code code = status.getCode();
        switch (code) {
            case OK:
            case UNAVAILABLE:
            case CANCELLED:
            case DEADLINE_EXCEEDED:
            case UNKNOWN:
            case INTERNAL:
            case ABORTED:
                if (life.everConnected()) {
                    if (!life.closing()) {
                        AgentLog.info("connection to the collector lost (" + describe(status) + "); reconnecting");
                    }
                } else {
                    noteUnreachable(describe(status));
                }
                break;
            case UNAUTHENTICATED:
            case PERMISSION_DENIED:
            case ALREADY_EXISTS:
                // Who the agent is, not what it sent: keep the held batches and retry with backoff.
                refusals.note(status, describe(status));
                life.refused(describe(status));
                break;
            default:
                // The collector refused what was sent (INVALID_ARGUMENT, OUT_OF_RANGE, ...): do not resend the same
                // data. Count the held batches as dropped and start a fresh instance (sequence 1 again).
                if (!warnedRejected) {
                    warnedRejected = true;
                    AgentLog.warn("the collector rejected data (" + describe(status) + "); " + held.size()
                            + " held batches counted as dropped");
                }
                queue.countDiscarded(held.reset(false));
                instanceId = UUID.randomUUID().toString();
        }
    }

    private void noteUnreachable(String why) {
        if (!warnedUnreachable && !life.everConnected()) {
            warnedUnreachable = true;
            AgentLog.warn("collector at " + config.endpoint() + " unreachable (" + why + "); "
                    + (life.closing() ? "the JVM exits without sending"
                            : config.blockWhenFull() ? "retrying in the background; while the buffer is full, training"
                                    + " waits up to block_timeout=" + AgentLog.seconds(config.blockTimeoutSeconds())
                                    + " s for room (block_when_full=true), then goes on and drops batches"
                            : "retrying in the background, training is not affected"));
        }
    }

    private void onStop(Stop stop) {
        StopController.stop(StopReasons.describe(stop.getFinding()));
    }

    private void waitBackoff() {
        long waitMillis = backoff.nextMillis();
        if (life.closing()) {
            waitMillis = Math.min(waitMillis, 100);
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        boolean wasClosing = life.closing();
        while (System.nanoTime() - until < 0 && life.closing() == wasClosing) {
            LockSupport.parkNanos(this, Math.max(1, until - System.nanoTime()));
        }
    }

    private void wakeUp() {
        life.wakeUp();
    }

    /** The status in words; the collector's text escaped ({@link ConsoleText}). */
    private static String describe(Status status) {
        StringBuilder s = new StringBuilder(status.getCode().name());
        if (status.getDescription() != null) {
            s.append(": ").append(ConsoleText.escape(status.getDescription()));
        }
        Throwable cause = status.getCause();
        while (cause != null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause != null && cause.getMessage() != null) {
            s.append(" (").append(ConsoleText.escape(cause.getMessage())).append(')');
        }
        return s.toString();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown-host" : env;
        }
    }
}
