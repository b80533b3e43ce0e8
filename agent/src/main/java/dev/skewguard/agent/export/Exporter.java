package dev.skewguard.agent.export;

import dev.skewguard.agent.capture.BatchQueue;
import dev.skewguard.agent.capture.CaptureClock;
import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.stop.StopController;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.Finding;
import dev.skewguard.proto.v1.Goodbye;
import dev.skewguard.proto.v1.Hello;
import dev.skewguard.proto.v1.Stop;
import io.grpc.Status;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The one background sender: takes captured batches from the queue ({@link QueuedBatches}: numbered, encoded), sends
 * them to the collector under flow control as often as {@link SendSchedule} says (while batches keep coming, at most
 * one message per {@code send_interval}), keeps the unacknowledged ones for resending after a reconnect
 * ({@link ResendWindow}, from Welcome.last_counted_sequence), reconnects with a bounded backoff ({@link Backoff}: a
 * collector that comes back is reached within about 2 s), and at JVM exit flushes for at most flush_timeout (trying
 * the collector at once, and again until flush_timeout runs out, whether it was reached before or not) and says
 * Goodbye. The transport is {@link CollectorChannel}; how a stream's end is told and handled, {@link SessionEnds}.
 * It runs on a daemon thread and never holds the JVM open.
 */
final class Exporter {
    private static final long WELCOME_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);
    /**
     * The longest the sender parks at a time (within the headroom: {@link #RELAXED_PARK_NANOS}); offers, Acks it waits
     * for, readiness, Stop and the exit wake it.
     */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** The longest park within the headroom: the relaxed interval (offers beyond the headroom and Acks wake it). */
    private static final long RELAXED_PARK_NANOS = SendSchedule.RELAXED_INTERVAL_NANOS;

    private final AgentConfig config;
    private final Supplier<List<String>> instrumentations;
    private final BatchQueue queue;
    private final Backoff backoff = new Backoff();
    private final int window;
    private final SendSchedule schedule;
    private final ResendWindow held = new ResendWindow();
    private final QueuedBatches batches;
    private final SenderLifecycle life;
    private final SessionEnds ends;

    private String instanceId = UUID.randomUUID().toString();
    private CollectorChannel channel;
    private Hello hello;

    /** {@code instrumentations}: what the Hello names, read at each connection (the set-up may end after the warm-up). */
    Exporter(AgentConfig config, Supplier<List<String>> instrumentations, BatchQueue queue, SenderLifecycle life) {
        this.config = config;
        this.instrumentations = instrumentations;
        this.queue = queue;
        this.window = config.buffer();
        this.batches = new QueuedBatches(queue, config.wantsScores(), window);
        this.schedule = new SendSchedule(TimeUnit.MILLISECONDS.toNanos(config.sendIntervalMillis()),
                System.nanoTime());
        this.life = life;
        this.ends = new SessionEnds(config, life);
    }

    /**
     * The warm-up, before the first captured batch: loads the classes the sender will need (gRPC, its OkHttp
     * transport, protobuf) and builds the Hello and the channel object. Opens no connection: a gRPC channel connects
     * on its first call. The classes load first, while {@link TlsWarmUp} makes on its own thread the TLS context
     * that building the channel waits for, so that the two overlap on the way to the first Ack; they stop loading
     * once a batch is captured and that context is made: from then on the connection comes first.
     */
    void prepare() {
        if (channel != null) {
            return;
        }
        ChannelFactory transport = TransportLoader.channelFactory();
        hello = HelloMessage.of(config, instrumentations.get(), instanceId, window);
        SenderClasses.preload(transport.getClass().getClassLoader(),
                () -> life.firstBatchCaptured() && !TlsWarmUp.pending());
        channel = new CollectorChannel(transport, config.endpoint(), config.security());
    }

    /** Streams until the exit flush is done. Prepares first if the warm-up did not. */
    void run() {
        prepare();
        try {
            while (true) {
                StreamSession session = connect();
                if (session == null) {
                    // At exit every collector gets retries until flush_timeout, reached before or not: it may be
                    // coming back (a restart, a rollout) just as the training ends.
                    if (life.flushTimeUp()) {
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

    /** Opens a Stream, says Hello and waits for Welcome; null if that failed (logged once). */
    private StreamSession connect() {
        life.helloSent();
        StreamSession session = new StreamSession(this::wakeUp, this::onStop, life::acknowledged);
        channel.open(session);
        session.send(AgentMessage.newBuilder()
                .setHello(HelloMessage.asOfNow(hello, config, instrumentations.get(), instanceId)).build());
        long deadline = System.nanoTime() + WELCOME_TIMEOUT_NANOS;
        while (session.welcome() == null && session.endStatus() == null) {
            long now = System.nanoTime();
            if (now - deadline >= 0 || life.flushTimeUp()) {
                session.cancel("no Welcome from the collector");
                ends.unreachable(life.flushTimeUp() ? "no answer before flush_timeout ran out at exit"
                        : "no answer within " + TimeUnit.NANOSECONDS.toSeconds(WELCOME_TIMEOUT_NANOS) + " s");
                return null;
            }
            // Meanwhile the sender takes what the queue holds (as much as its window has room for), so that the
            // queue has room for the training's next batches while the connection is made.
            batches.drain(held);
            LockSupport.parkNanos(this, IDLE_PARK_NANOS);
        }
        if (session.welcome() == null) {
            Status end = session.endStatus();
            if (end.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                // The Hello was refused at one of the collector's limits (jobs, instances): nothing of the data was
                // judged; keep the held batches and retry with backoff.
                ends.refusedAtLimit(end);
            } else {
                ended(end);
            }
            return null;
        }
        ends.connected();
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
                ended(end);
                return false;
            }
            long released = session.countedThrough();
            held.release(released);
            batches.moveInto(held);
            long now = System.nanoTime();
            Headroom headroom = session.headroom();
            long spareLabels = held.spareLabels(headroom);
            boolean spare = held.unsentBatches() > 0 && spareLabels >= 0;
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
            idle(session, released, now, headroom, spareLabels);
        }
    }

    /**
     * Parks until there is something to do (at most {@link #IDLE_PARK_NANOS}; within the headroom at most
     * {@link #RELAXED_PARK_NANOS}): with a full resend window, until an Ack (new batches could not be taken anyway);
     * with unsent batches the transport cannot take yet, until it is ready; else until the schedule's interval is up,
     * or until enough new batches make a message worth sending early (with nothing to send and the interval up: until
     * the next batch). While everything held is within the collector's headroom ({@code spareLabels} more labels to
     * spare: 0 or more), the interval is the relaxed one and the sender parks through it: the first batch beyond the
     * headroom wakes it ({@link BatchQueue#senderParkingWithin}), and so does an Ack, which may bring a smaller
     * headroom. Readiness, Stop, the end of the call and the exit always wake the sender. {@code released}: the
     * counted_through last released; {@code headroom}: the one {@code spareLabels} was reckoned from.
     */
    private void idle(StreamSession session, long released, long now, Headroom headroom, long spareLabels) {
        boolean windowFull = held.size() >= window;
        boolean awaitingAck = windowFull || (life.closing() && !held.isEmpty());
        boolean relaxed = !awaitingAck && !life.closing() && spareLabels >= 0;
        session.wakeOnAck(awaitingAck || relaxed);
        if (awaitingAck && session.countedThrough() != released) {
            return; // an Ack came meanwhile
        }
        if (relaxed && session.headroom() != headroom) {
            return; // an Ack came meanwhile: reckon with its headroom
        }
        int unsent = held.unsentBatches();
        if (windowFull || (unsent > 0 && !session.isReady()) || (life.closing() && unsent == 0 && !held.isEmpty())) {
            LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            return;
        }
        long wait = life.closing() ? 0 : schedule.nanosUntilDue(now, relaxed);
        if (unsent > 0 && wait == 0) {
            return; // due now
        }
        int wakeAfter = wait > 0 ? Math.max(1, SendSchedule.EARLY_BATCHES - unsent) : 1;
        boolean parking = relaxed
                ? queue.senderParkingWithin(wakeAfter, spareLabels, headroom.classesBelow(), headroom.modes())
                : queue.senderParking(wakeAfter);
        if (parking) {
            try {
                LockSupport.parkNanos(this, wait > 0 ? Math.min(wait, relaxed ? RELAXED_PARK_NANOS : IDLE_PARK_NANOS)
                        : IDLE_PARK_NANOS);
            } finally {
                queue.senderAwake();
            }
        }
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

    /** A stream ended: the line is said by {@link SessionEnds}; data the collector refused is not resent. */
    private void ended(Status status) {
        if (ends.ended(status, held.size()) == SessionEnds.Outcome.REJECTED) {
            queue.countDiscarded(held.reset(false));
            instanceId = UUID.randomUUID().toString();
        }
    }

    private void onStop(Stop stop) {
        Finding f = stop.getFinding();
        CaptureMode mode = StopReasons.mode(f.getMode());
        boolean ours = mode != null && f.getWorkerId().equals(hello.getWorkerId());
        StopController.stop(StopReasons.describe(f),
                ours ? () -> CaptureClock.since(mode, f.getStep(), queue.offeredTotal()) : null);
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

}
