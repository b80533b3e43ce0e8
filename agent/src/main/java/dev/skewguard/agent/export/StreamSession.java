package dev.skewguard.agent.export;

import dev.skewguard.agent.capture.AnnouncedRegexes;
import dev.skewguard.proto.v1.Ack;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.CollectorMessage;
import dev.skewguard.proto.v1.Stop;
import dev.skewguard.proto.v1.Welcome;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.function.Consumer;

/**
 * One Stream call to the collector. gRPC threads fill in what the collector said (Welcome, cumulative Ack, Stop,
 * the end of the call) and wake the sender, or print its Notice ({@link CollectorNotices}); only the sender thread
 * writes to the call. An Ack wakes the sender only when it asked for that ({@link #wakeOnAck}: its resend window is
 * full or it is flushing at exit): otherwise it picks the Ack up when it next wakes for a batch.
 */
final class StreamSession implements ClientResponseObserver<Outgoing, CollectorMessage> {
    private final Runnable wakeUp;
    private final Consumer<Stop> onStop;
    private final Runnable onAck;
    private volatile ClientCallStreamObserver<Outgoing> requests;
    private volatile Welcome welcome;
    private volatile long countedThrough;
    /** The collector's Welcome said durable: release on Ack.persisted_through. */
    private volatile boolean durable;
    private volatile Headroom headroom = Headroom.UNKNOWN;
    private volatile boolean wakeOnAck;
    private volatile Status endStatus;

    StreamSession(Runnable wakeUp, Consumer<Stop> onStop) {
        this(wakeUp, onStop, () -> { });
    }

    /** {@code onAck}: told of every Ack (on the transport's thread; it must only note it). */
    StreamSession(Runnable wakeUp, Consumer<Stop> onStop, Runnable onAck) {
        this.wakeUp = wakeUp;
        this.onStop = onStop;
        this.onAck = onAck;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Outgoing> requestStream) {
        this.requests = requestStream;
        requestStream.setOnReadyHandler(wakeUp);
    }

    @Override
    public void onNext(CollectorMessage message) {
        switch (message.getKindCase()) {
            case WELCOME:
                Welcome w = message.getWelcome();
                durable = w.getDurable();
                countedThrough = Math.max(countedThrough, releasable(w));
                AnnouncedRegexes.announce(w.getLabelsRegex(), w.getPredictionsRegex());
                welcome = w;
                if (w.getJobStopped()) {
                    onStop.accept(w.getStop());
                }
                break;
            case ACK:
                // Written before wakeOnAck is read; the sender sets wakeOnAck before it reads countedThrough.
                Ack ack = message.getAck();
                countedThrough = Math.max(countedThrough,
                        durable ? ack.getPersistedThrough() : ack.getCountedThrough());
                headroom = Headroom.of(message.getAck());
                onAck.run();
                if (wakeOnAck) {
                    wakeUp.run();
                }
                return;
            case STOP:
                onStop.accept(message.getStop());
                break;
            case NOTICE:
                CollectorNotices.print(message.getNotice());
                return;
            default:
                break;
        }
        wakeUp.run();
    }

    @Override
    public void onError(Throwable t) {
        endStatus = Status.fromThrowable(t);
        wakeUp.run();
    }

    @Override
    public void onCompleted() {
        endStatus = Status.OK;
        wakeUp.run();
    }

    Welcome welcome() {
        return welcome;
    }

    /**
     * The highest sequence the sender may release: what the collector counted, or from a durable collector
     * (Welcome.durable) what it persisted.
     */
    long countedThrough() {
        return countedThrough;
    }

    /** What a Welcome lets the sender release: last_counted_sequence, or last_persisted_sequence when durable. */
    static long releasable(Welcome welcome) {
        return welcome.getDurable() ? welcome.getLastPersistedSequence() : welcome.getLastCountedSequence();
    }

    /** What the last Ack said of the job's distance from a verdict. */
    Headroom headroom() {
        return headroom;
    }

    /**
     * Sender thread: whether the next Acks must wake it. Set it before reading {@link #countedThrough} for the last
     * time before parking, so an Ack that lands in between is either seen or wakes the sender.
     */
    void wakeOnAck(boolean wake) {
        wakeOnAck = wake;
    }

    /** How the call ended, or null while it is open. */
    Status endStatus() {
        return endStatus;
    }

    boolean isReady() {
        return endStatus == null && requests != null && requests.isReady();
    }

    /** Sends one serialized AgentMessage (a group of batches). */
    void send(byte[] message) {
        requests.onNext(Outgoing.ofBytes(message));
    }

    void send(AgentMessage message) {
        requests.onNext(Outgoing.of(message));
    }

    void halfClose() {
        requests.onCompleted();
    }

    void cancel(String why) {
        ClientCallStreamObserver<Outgoing> r = requests;
        if (r != null && endStatus == null) {
            r.cancel(why, null);
        }
    }
}
