package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skewguard.proto.v1.Ack;
import dev.skewguard.proto.v1.CollectorMessage;
import dev.skewguard.proto.v1.Finding;
import dev.skewguard.proto.v1.Notice;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    @Test
    void aNoticeIsPrintedOnceAsOneEscapedLineAndChangesNothingElse() {
        CollectorNotices.reset();
        AtomicInteger wakeUps = new AtomicInteger();
        AtomicInteger stops = new AtomicInteger();
        StreamSession session = new StreamSession(wakeUps::incrementAndGet, stop -> stops.incrementAndGet());
        CollectorMessage notice = CollectorMessage.newBuilder().setNotice(Notice.newBuilder().setFinding(
                Finding.newBuilder().addChecks("imbalance").setRatio(99)
                        .setSummary("ClassImbalance: imbalance ratio 99.0 > 10.0 at train step 3 on worker "
                                + "w0\n[skewguard] INFO forged\u001b[2J"))).build();
        PrintStream previous = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            session.onNext(notice);
            new StreamSession(wakeUps::incrementAndGet, stop -> stops.incrementAndGet()).onNext(notice);
        } finally {
            System.setErr(previous);
            CollectorNotices.reset();
        }
        assertEquals("[skewguard] WARN the collector's rule fired for this job: ClassImbalance: imbalance ratio 99.0 "
                + "> 10.0 at train step 3 on worker w0\\n[skewguard] INFO forged\\u001b[2J (the collector only "
                + "reports it, --action log: training continues)" + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8), "one line, once per process, however many streams carry it");
        assertEquals(0, stops.get(), "a notice is not a stop");
        assertEquals(0, wakeUps.get(), "nothing for the sender to do");
        assertEquals(0, session.countedThrough());
    }
}
