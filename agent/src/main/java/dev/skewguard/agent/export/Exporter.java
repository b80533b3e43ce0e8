package dev.skewguard.agent.export;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.AgentVersion;
import dev.skewguard.agent.capture.BatchQueue;
import dev.skewguard.agent.capture.CapturedBatch;
import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.stop.StopController;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.Goodbye;
import dev.skewguard.proto.v1.Hello;
import dev.skewguard.proto.v1.Stop;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.stub.ClientCalls;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one background sender: owns the gRPC channel, takes captured batches from the queue, numbers and encodes
 * them, streams them under flow control (while batches keep coming, it gathers them for a few milliseconds and sends
 * those waiting together in one message), keeps the unacknowledged ones for resending after a reconnect (from
 * Welcome.last_counted_sequence), reconnects with backoff, and at JVM exit flushes for at most flush_timeout and
 * says Goodbye. It runs on a daemon thread and never holds the JVM open.
 */
final class Exporter {
    /** The collector's default limit is 16 MiB; stay clear of it. */
    static final int MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
    private static final long WELCOME_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** How long after the last batch the sender keeps gathering before it parks until an offer wakes it. */
    private static final long GATHER_WHILE_BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final AgentConfig config;
    private final List<String> instrumentations;
    private final BatchQueue queue;
    private final BatchEncoder encoder;
    private final Backoff backoff = new Backoff();
    private final int window;
    /**
     * While batches keep coming, the sender looks at the queue at most this often ({@code send_interval}) instead of
     * being woken for each one: a training thread that captures a batch every few hundred microseconds then makes no
     * system call to wake it, and the batches gathered meanwhile go out in one message (one wake-up of the transport,
     * one write). It is also the most a batch waits in the queue before it is sent, so it adds up to this much to the
     * time to stop. 0: no gathering, every batch is sent as soon as the sender sees it.
     */
    private final long gatherNanos;
    /** Numbered batches not yet acknowledged, in sequence order (sender thread only). */
    private final List<EncodedBatch> unacked = new ArrayList<>();
    /** Batches just drained from the queue (sender thread only; reused). */
    private final List<CapturedBatch> taken = new ArrayList<>();
    private final SenderLifecycle life;

    private String instanceId = UUID.randomUUID().toString();
    private long nextSequence = 1;
    /** System.nanoTime() when the sender last took a batch from the queue. */
    private long lastTakenNanos = System.nanoTime() - GATHER_WHILE_BUSY_NANOS;
    private boolean warnedUnreachable;
    private boolean warnedTooLarge;
    private boolean warnedRejected;

    Exporter(AgentConfig config, List<String> instrumentations, BatchQueue queue, SenderLifecycle life) {
        this.config = config;
        this.instrumentations = instrumentations;
        this.queue = queue;
        this.encoder = new BatchEncoder(config.wantsScores());
        this.window = config.buffer();
        this.gatherNanos = TimeUnit.MILLISECONDS.toNanos(config.sendIntervalMillis());
        this.life = life;
    }

    /**
     * Netty's native transports are not in the jar (they cannot load once relocated). This tells the agent's
     * (relocated) Netty not to look for them, so JDK 24+ prints no restricted-method warning. The name is relocated
     * by the build along with Netty, so the application's own Netty is not affected.
     */
    private static final String NETTY_NO_NATIVE = "io.grpc.netty.shaded.io.netty.transport.noNative";

    private EventLoopGroup events;
    private ManagedChannel channel;
    private Hello hello;

    /**
     * The warm-up, before the first captured batch: loads the classes the sender will need (gRPC, Netty, protobuf),
     * builds the channel object and the Hello. Opens no connection: a gRPC channel connects on its first call.
     */
    void prepare() {
        if (channel != null) {
            return;
        }
        if (System.getProperty(NETTY_NO_NATIVE) == null) {
            System.setProperty(NETTY_NO_NATIVE, "true");
        }
        // The agent's own event loop (one thread), not gRPC's shared one: the sender stops it when it ends. A JVM
        // exits 300 ms later than it would while any of its threads is still waiting in epoll (native code), and
        // gRPC's shared loop lingers for a second after its last channel closes.
        events = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("skewguard-netty", true, Thread.NORM_PRIORITY), NioIoHandler.newFactory());
        channel = NettyChannelBuilder.forTarget(config.endpoint())
                .eventLoopGroup(events)
                .channelType(NioSocketChannel.class)
                .usePlaintext()
                // The call's callbacks (StreamSession: Welcome, Ack, Stop, readiness) only note what the collector
                // said and wake the sender: they run on the event loop, without a hop through another thread.
                .directExecutor()
                .maxInboundMessageSize(16 * 1024 * 1024)
                .keepAliveTime(60, TimeUnit.SECONDS)
                .build();
        hello = hello();
        SenderClasses.preload(Exporter.class.getClassLoader(), life::firstBatchCaptured);
    }

    /** Streams until the exit flush is done. Prepares first if the warm-up did not. */
    void run() {
        prepare();
        try {
            while (true) {
                StreamSession session = connect(channel, hello);
                if (session == null) {
                    // At exit, a collector that was never reached gets no more retries; one that was gets them
                    // until flush_timeout.
                    if (life.closing() && (!life.everConnected() || life.flushTimeUp())) {
                        break;
                    }
                    waitBackoff();
                    continue;
                }
                long ackedBefore = nextSequence - unacked.size();
                if (pump(session)) {
                    break;
                }
                // The session ended. If the collector acknowledged something on it, reconnect at once; if not (it
                // keeps failing the stream), back off like any failed attempt.
                if (nextSequence - unacked.size() > ackedBefore) {
                    backoff.reset();
                } else if (!life.closing()) {
                    waitBackoff();
                }
            }
        } finally {
            stopTransport();
        }
    }

    /** Closes the channel and stops the event loop thread, waiting briefly so that it is gone before the JVM exits. */
    private void stopTransport() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(500);
    }

    private Hello hello() {
        long pid = ProcessHandle.current().pid();
        String host = hostName();
        String worker = config.worker() != null ? config.worker() : host + ":" + pid;
        return Hello.newBuilder()
                .setJobId(config.job())
                .setWorkerId(worker)
                .setInstanceId(instanceId)
                .setPid(pid)
                .setHost(host)
                .addAllFrameworks(instrumentations)
                .setAgentVersion(AgentVersion.version())
                .setMaxUnacknowledged(window)
                .build();
    }

    /** Opens a Stream, says Hello and waits for Welcome; null if that failed (logged once). */
    private StreamSession connect(ManagedChannel channel, Hello hello) {
        channel.resetConnectBackoff();
        life.helloSent();
        StreamSession session = new StreamSession(this::wakeUp, this::onStop);
        ClientCalls.asyncBidiStreamingCall(channel.newCall(Outgoing.STREAM, CallOptions.DEFAULT), session);
        session.send(AgentMessage.newBuilder().setHello(hello.toBuilder().setInstanceId(instanceId)).build());
        long deadline = System.nanoTime() + WELCOME_TIMEOUT_NANOS;
        while (session.welcome() == null && session.endStatus() == null) {
            long now = System.nanoTime();
            if (now - deadline >= 0 || life.flushTimeUp()) {
                session.cancel("no Welcome from the collector");
                noteUnreachable(life.flushTimeUp() ? "no answer before flush_timeout ran out at exit"
                        : "no answer within " + TimeUnit.NANOSECONDS.toSeconds(WELCOME_TIMEOUT_NANOS) + " s");
                return null;
            }
            LockSupport.parkNanos(this, IDLE_PARK_NANOS);
        }
        if (session.welcome() == null) {
            noteEnd(session.endStatus());
            return null;
        }
        if (!life.everConnected()) {
            life.connected();
            if (warnedUnreachable) {
                AgentLog.info("connected to the collector at " + config.endpoint());
            }
        }
        long counted = session.welcome().getLastCountedSequence();
        release(counted);
        return session;
    }

    /**
     * Streams batches on an open session until it ends (returns false: reconnect) or the exit flush is done or out
     * of time (returns true).
     */
    private boolean pump(StreamSession session) {
        // After Welcome, resend everything still held above last_counted_sequence, then go on.
        long lastWritten = unacked.isEmpty() ? nextSequence - 1 : unacked.get(0).sequence() - 1;
        while (true) {
            Status end = session.endStatus();
            if (end != null) {
                noteEnd(end);
                return false;
            }
            long released = session.countedThrough();
            release(released);
            takeFromQueue();
            while (lastWritten < nextSequence - 1 && session.isReady()) {
                lastWritten = sendFrom((int) (lastWritten + 1 - unacked.get(0).sequence()), session);
            }
            if (life.closing()) {
                if (queue.isEmpty() && lastWritten == nextSequence - 1) {
                    // Everything is written: say Goodbye without waiting for the last Acks. The collector handles a
                    // stream's messages in order and completes it with OK only after counting all of them, so OK
                    // acknowledges everything. If the Goodbye was lost with the connection, reconnect, resend what
                    // is unacknowledged and say it again.
                    if (sayGoodbye(session, 0)) {
                        unacked.clear();
                        return true;
                    }
                    return life.flushTimeUp();
                }
                if (life.flushTimeUp()) {
                    long unsent = unacked.size() + queue.size();
                    AgentLog.info("exit: flush_timeout reached, " + unsent + " captured batches were not sent");
                    sayGoodbye(session, unsent);
                    return true;
                }
            }
            idle(session, released);
        }
    }

    /**
     * Sends the held batches from index {@code first} of the resend window on, as many as {@link BatchGrouping} puts
     * in one message; returns the sequence of the last one sent.
     */
    private long sendFrom(int first, StreamSession session) {
        int end = BatchGrouping.groupEnd(unacked, first);
        session.send(BatchGrouping.message(unacked.subList(first, end)));
        return unacked.get(end - 1).sequence();
    }

    /**
     * Parks until there is something to do (at most {@link #IDLE_PARK_NANOS}): with a full resend window, until an
     * Ack (new batches could not be taken anyway); while batches are flowing, for {@code send_interval} (not at all
     * when half a message's worth already waits); else until a batch is offered. Readiness, Stop, the end of the call
     * and the exit always wake the sender. {@code released}: the counted_through last released.
     */
    private void idle(StreamSession session, long released) {
        boolean windowFull = unacked.size() >= window;
        boolean awaitingAck = windowFull || (life.closing() && !unacked.isEmpty());
        session.wakeOnAck(awaitingAck);
        if (awaitingAck && session.countedThrough() != released) {
            return; // an Ack came meanwhile
        }
        if (windowFull) {
            LockSupport.parkNanos(this, IDLE_PARK_NANOS);
        } else if (queue.size() >= BatchGrouping.MAX_BATCHES_PER_MESSAGE / 2) {
            return; // a message's worth is already waiting: no reason to wait for more
        } else if (gatherNanos > 0 && !life.closing()
                && System.nanoTime() - lastTakenNanos < GATHER_WHILE_BUSY_NANOS) {
            // Batches are flowing: let the next ones gather without waking this thread for each.
            LockSupport.parkNanos(this, gatherNanos);
        } else if (queue.senderParking()) {
            try {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            } finally {
                queue.senderAwake();
            }
        }
    }

    /** Moves batches from the queue into the resend window, numbering and encoding them. */
    private void takeFromQueue() {
        // All that waits (as much as the window takes) under one acquisition of the queue's lock, not one per batch:
        // fewer chances that a training thread's offer waits for the sender.
        taken.clear();
        queue.drainTo(taken, window - unacked.size());
        for (CapturedBatch captured : taken) {
            long dropped = queue.takeDroppedSincePrevious();
            EncodedBatch batch;
            try {
                batch = new EncodedBatch(nextSequence, encoder.encode(captured, nextSequence, dropped));
            } catch (RuntimeException e) {
                queue.returnDropped(dropped);
                queue.countDropped();
                continue;
            }
            if (batch.size() > MAX_BATCH_BYTES) {
                queue.returnDropped(dropped);
                queue.countDropped();
                if (!warnedTooLarge) {
                    warnedTooLarge = true;
                    AgentLog.warn("dropped a captured batch of " + batch.size()
                            + " bytes: larger than the collector accepts (counted as dropped)");
                }
                continue;
            }
            unacked.add(batch);
            nextSequence++;
        }
        if (!taken.isEmpty()) {
            lastTakenNanos = System.nanoTime();
        }
        taken.clear();
    }

    private void release(long countedThrough) {
        int n = 0;
        while (n < unacked.size() && unacked.get(n).sequence() <= countedThrough) {
            n++;
        }
        if (n > 0) {
            unacked.subList(0, n).clear();
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
            default:
                // The collector refused what was sent (INVALID_ARGUMENT, OUT_OF_RANGE, ...): do not resend the same
                // data. Count the held batches as dropped and start a fresh instance (sequence 1 again).
                if (!warnedRejected) {
                    warnedRejected = true;
                    AgentLog.warn("the collector rejected data (" + describe(status) + "); " + unacked.size()
                            + " held batches counted as dropped");
                }
                for (int i = 0; i < unacked.size(); i++) {
                    queue.countDropped();
                }
                unacked.clear();
                instanceId = UUID.randomUUID().toString();
                nextSequence = 1;
        }
    }

    private void noteUnreachable(String why) {
        if (!warnedUnreachable && !life.everConnected()) {
            warnedUnreachable = true;
            AgentLog.warn("collector at " + config.endpoint() + " unreachable (" + why + "); "
                    + (life.closing() ? "the JVM exits without sending"
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

    /** Batches captured but not (yet) acknowledged. Sender thread only. */
    long held() {
        return unacked.size() + queue.size();
    }

    private static String describe(Status status) {
        StringBuilder s = new StringBuilder(status.getCode().name());
        if (status.getDescription() != null) {
            s.append(": ").append(status.getDescription());
        }
        Throwable cause = status.getCause();
        while (cause != null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause != null && cause.getMessage() != null) {
            s.append(" (").append(cause.getMessage()).append(')');
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
