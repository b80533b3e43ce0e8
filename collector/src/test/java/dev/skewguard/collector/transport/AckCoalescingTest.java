package dev.skewguard.collector.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skewguard.collector.transport.AckCoalescing.Next;
import org.junit.jupiter.api.Test;

class AckCoalescingTest {
    @Test
    void sendsAtOnceEveryNBatchesAndStartsOneTimerForTheRest() {
        AckCoalescing c = new AckCoalescing(3, 1);
        assertEquals(Next.SEND_NOW, c.counted(1), "a stream's first batch is acknowledged at once");
        c.sent();
        assertEquals(Next.START_TIMER, c.counted(1), "then the first owed Ack starts the timer");
        assertEquals(Next.WAIT, c.counted(1), "the timer is already running");
        assertEquals(Next.SEND_NOW, c.counted(1), "the third batch: send now");
        c.sent();
        assertEquals(Next.WAIT, c.counted(1), "the timer started earlier has not fired yet");
        c.timerFired();
        c.sent();
        assertEquals(Next.START_TIMER, c.counted(1), "after the timer fired a new one is started");
    }

    @Test
    void everyBatchGetsItsAckWhenNIsOne() {
        AckCoalescing c = new AckCoalescing(1, 1);
        for (int i = 0; i < 3; i++) {
            assertEquals(Next.SEND_NOW, c.counted(1));
            c.sent();
        }
        assertThrows(IllegalArgumentException.class, () -> new AckCoalescing(0, 1));
    }

    @Test
    void anAgentThatSaysItsWindowIsAcknowledgedOnceHalfOfItWaits() {
        assertEquals(128, AckCoalescing.forWindow(1024).everyBatches(), "at most every 128");
        assertEquals(AckCoalescing.DELAY_NANOS, AckCoalescing.forWindow(1024).delayNanos());
        assertEquals(5, AckCoalescing.forWindow(10).everyBatches());
        AckCoalescing tiny = AckCoalescing.forWindow(2);
        tiny.sent();
        assertEquals(Next.SEND_NOW, tiny.counted(1), "a window of 2: every batch at once, no stall");
        assertEquals(Next.SEND_NOW, AckCoalescing.forWindow(1).counted(1));
        AckCoalescing unknown = AckCoalescing.forWindow(0);
        unknown.sent();
        assertEquals(AckCoalescing.UNKNOWN_WINDOW_EVERY_BATCHES, unknown.everyBatches());
        assertEquals(AckCoalescing.UNKNOWN_WINDOW_DELAY_NANOS, unknown.delayNanos());
    }
}
