package dev.skewguard.collector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skewguard.collector.server.AckCoalescing.Next;
import org.junit.jupiter.api.Test;

class AckCoalescingTest {
    @Test
    void sendsAtOnceEveryNBatchesAndStartsOneTimerForTheRest() {
        AckCoalescing c = new AckCoalescing(3);
        assertEquals(Next.START_TIMER, c.counted(), "the first owed Ack starts the timer");
        assertEquals(Next.WAIT, c.counted(), "the timer is already running");
        assertEquals(Next.SEND_NOW, c.counted(), "the third batch: send now");
        c.sent();
        assertEquals(Next.WAIT, c.counted(), "the timer started earlier has not fired yet");
        c.timerFired();
        c.sent();
        assertEquals(Next.START_TIMER, c.counted(), "after the timer fired a new one is started");
    }

    @Test
    void everyBatchGetsItsAckWhenNIsOne() {
        AckCoalescing c = new AckCoalescing(1);
        for (int i = 0; i < 3; i++) {
            assertEquals(Next.SEND_NOW, c.counted());
            c.sent();
        }
        assertThrows(IllegalArgumentException.class, () -> new AckCoalescing(0));
    }
}
