package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skewguard.proto.v1.Ack;
import dev.skewguard.proto.v1.CollectorMessage;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamSessionTest {
    private static CollectorMessage ack(long countedThrough) {
        return CollectorMessage.newBuilder().setAck(Ack.newBuilder().setCountedThrough(countedThrough)).build();
    }

    @Test
    void anAckWakesTheSenderOnlyWhenItAskedAndIsAlwaysRecorded() {
        AtomicInteger wakeUps = new AtomicInteger();
        StreamSession session = new StreamSession(wakeUps::incrementAndGet, stop -> { });
        session.onNext(ack(3));
        assertEquals(3, session.countedThrough());
        assertEquals(0, wakeUps.get(), "the sender did not ask to be woken by Acks");
        session.wakeOnAck(true);
        session.onNext(ack(7));
        assertEquals(7, session.countedThrough());
        assertEquals(1, wakeUps.get(), "a sender waiting for an Ack is woken");
        session.onNext(ack(5));
        assertEquals(7, session.countedThrough(), "Acks are cumulative: an older one changes nothing");
        session.wakeOnAck(false);
        session.onNext(ack(9));
        assertEquals(9, session.countedThrough());
        assertEquals(2, wakeUps.get());
        session.onError(Status.UNAVAILABLE.asRuntimeException());
        assertEquals(3, wakeUps.get(), "the end of the call always wakes the sender");
    }
}
