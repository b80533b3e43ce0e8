package dev.skewguard.collector.transport;

import dev.skewguard.collector.jobs.Job;
import dev.skewguard.proto.v1.Ack;
import dev.skewguard.proto.v1.CollectorMessage;
import dev.skewguard.proto.v1.Notice;
import dev.skewguard.proto.v1.Stop;
import dev.skewguard.proto.v1.Welcome;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * What the collector says on one agent's stream ({@link AgentStream}): the Welcome, the Acks, a Stop, a Notice, and
 * the end of the call. Acks are cumulative and coalesced ({@link AckCoalescing}: one every few batches or
 * milliseconds); when the transport is not ready, only the highest pending one is kept and sent once it is (the
 * stream's on-ready handler calls {@link #flushAck}).
 *
 * <p>Stop may be sent from another stream's thread, so every send holds this object's monitor (always taken after,
 * never while holding, a {@link Job}'s lock: the Ack's content is read from the job under it). Once closed, nothing
 * more is sent.
 */
final class StreamReplies {
    private final ServerCallStreamObserver<CollectorMessage> out;
    private final ScheduledExecutorService ackTimer;
    /** The Ack through a counted_through, with what the job says beside it (persisted_through, headroom). */
    private final LongFunction<Ack> acks;

    // Guarded by this.
    private boolean closed;
    private boolean stopSent;
    private boolean welcomed;
    private boolean noticeSent;
    private boolean parametersNoteSent;
    private long pendingAck;
    private boolean ackPending;
    private AckCoalescing coalescing = AckCoalescing.forWindow(0);

    StreamReplies(ServerCallStreamObserver<CollectorMessage> out, ScheduledExecutorService ackTimer,
                  LongFunction<Ack> acks) {
        this.out = out;
        this.ackTimer = ackTimer;
        this.acks = acks;
    }

    /**
     * Sends the Welcome to an agent that holds at most {@code window} batches unacknowledged (0: it did not say);
     * returns whether the stream was closed meanwhile (then nothing was sent).
     */
    synchronized boolean welcome(Welcome welcome, long window) {
        coalescing = AckCoalescing.forWindow(window);
        stopSent = welcome.getJobStopped();
        pendingAck = welcome.getLastCountedSequence();
        send(CollectorMessage.newBuilder().setWelcome(welcome).build());
        welcomed = true;
        return closed;
    }

    /** Sends Stop once, unless the stream is closed or already got it (in Welcome or before). */
    synchronized boolean sendStop(Stop stop) {
        if (closed || stopSent) {
            return false;
        }
        stopSent = true;
        return send(CollectorMessage.newBuilder().setStop(stop).build());
    }

    /** Sends a Notice of the job's parameters once, after Welcome (apart from the Notice of a finding). */
    synchronized boolean sendParametersNote(Notice notice) {
        if (closed || parametersNoteSent || !welcomed) {
            return false;
        }
        parametersNoteSent = true;
        return send(CollectorMessage.newBuilder().setNotice(notice).build());
    }

    /** Sends the Notice once, after Welcome, unless the stream is closed or already got one. */
    synchronized boolean sendNotice(Notice notice) {
        if (closed || noticeSent || !welcomed) {
            return false; // not yet welcomed: the stream sends it right after the Welcome
        }
        noticeSent = true;
        return send(CollectorMessage.newBuilder().setNotice(notice).build());
    }

    /**
     * {@code batches} batches (one message) were counted, through {@code countedThrough}: acknowledges at once every
     * few batches, else when the coalescing timer fires; either way only once the transport is ready.
     */
    synchronized void counted(long countedThrough, int batches) {
        pendingAck = Math.max(pendingAck, countedThrough);
        ackPending = true;
        switch (coalescing.counted(batches)) {
            case SEND_NOW:
                flushAckIfReady();
                break;
            case START_TIMER:
                try {
                    ackTimer.schedule(this::ackTimerFired, coalescing.delayNanos(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException shuttingDown) {
                    coalescing.timerFired();
                    flushAckIfReady();
                }
                break;
            default:
                break;
        }
    }

    /**
     * A commit stored more of the job: the agent's next Ack says so (persisted_through), at once if the transport is
     * ready. False if the stream is closed or not yet welcomed (nothing to acknowledge on it).
     */
    synchronized boolean persisted() {
        if (closed || !welcomed) {
            return false;
        }
        ackPending = true;
        flushAckIfReady();
        return true;
    }

    /** Sends the pending Ack, if there is one. */
    synchronized void flushAck() {
        if (ackPending) {
            ackPending = false;
            coalescing.sent();
            send(CollectorMessage.newBuilder().setAck(acks.apply(pendingAck)).build());
        }
    }

    /** Nothing more is sent from now on; false if the stream was already closed. */
    synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /** Completes the call: OK tells the agent that everything is counted; any other status fails it. */
    synchronized void complete(Status status) {
        try {
            if (status.isOk()) {
                out.onCompleted();
            } else {
                out.onError(status.asRuntimeException());
            }
        } catch (RuntimeException ignored) {
            // the call was cancelled meanwhile: nothing more to tell the agent
        }
    }

    private synchronized void ackTimerFired() {
        coalescing.timerFired();
        flushAckIfReady();
    }

    private synchronized void flushAckIfReady() {
        if (out.isReady()) {
            flushAck();
        }
    }

    private synchronized boolean send(CollectorMessage message) {
        if (closed) {
            return false;
        }
        try {
            out.onNext(message);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
