package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** At most one message per interval while batches flow; the first after a quiet spell, a full one and exit at once. */
class SendScheduleTest {
    private static final long MS = 1_000_000;

    @Test
    void theFirstBatchGoesAtOnceAndTheNextWaitForTheInterval() {
        SendSchedule schedule = new SendSchedule(40 * MS, 1000 * MS);
        assertFalse(schedule.due(1000 * MS, 0, 0, false), "nothing to send");
        assertTrue(schedule.due(1000 * MS, 1, 100, false), "a job's first batch goes at once");
        schedule.sent(1000 * MS);
        assertFalse(schedule.due(1001 * MS, 1, 100, false));
        assertFalse(schedule.due(1039 * MS, 20, 2000, false));
        assertEquals(39 * MS, schedule.nanosUntilDue(1001 * MS));
        assertTrue(schedule.due(1040 * MS, 20, 2000, false), "a batch waits at most the interval");
        assertEquals(0, schedule.nanosUntilDue(1040 * MS));
        schedule.sent(1040 * MS);
        assertTrue(schedule.due(5000 * MS, 1, 100, false), "after a quiet spell the next batch goes at once");
    }

    @Test
    void aFullMessageOrTheExitGoesAtOnce() {
        SendSchedule schedule = new SendSchedule(40 * MS, 0);
        schedule.sent(0);
        assertFalse(schedule.due(MS, SendSchedule.EARLY_BATCHES - 1, 1000, false));
        assertTrue(schedule.due(MS, SendSchedule.EARLY_BATCHES, 1000, false), "enough batches for a message");
        assertTrue(schedule.due(MS, 3, SendSchedule.EARLY_BYTES, false), "enough bytes for a message");
        assertTrue(schedule.due(MS, 1, 10, true), "at exit everything goes");
    }

    @Test
    void intervalZeroSendsEveryBatchAtOnce() {
        SendSchedule schedule = new SendSchedule(0, 0);
        schedule.sent(0);
        assertTrue(schedule.due(0, 1, 10, false));
        assertEquals(0, schedule.nanosUntilDue(0));
    }
}
