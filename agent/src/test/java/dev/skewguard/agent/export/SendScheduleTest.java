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
        assertFalse(schedule.due(1000 * MS, 0, 0, false, false), "nothing to send");
        assertTrue(schedule.due(1000 * MS, 1, 100, false, false), "a job's first batch goes at once");
        schedule.sent(1000 * MS);
        assertFalse(schedule.due(1001 * MS, 1, 100, false, false));
        assertFalse(schedule.due(1039 * MS, 20, 2000, false, false));
        assertEquals(39 * MS, schedule.nanosUntilDue(1001 * MS, false));
        assertTrue(schedule.due(1040 * MS, 20, 2000, false, false), "a batch waits at most the interval");
        assertEquals(0, schedule.nanosUntilDue(1040 * MS, false));
        schedule.sent(1040 * MS);
        assertTrue(schedule.due(5000 * MS, 1, 100, false, false), "after a quiet spell the next batch goes at once");
    }

    @Test
    void aFullMessageOrTheExitGoesAtOnce() {
        SendSchedule schedule = new SendSchedule(40 * MS, 0);
        schedule.sent(0);
        assertFalse(schedule.due(MS, SendSchedule.EARLY_BATCHES - 1, 1000, false, false));
        assertTrue(schedule.due(MS, SendSchedule.EARLY_BATCHES, 1000, false, false), "enough batches for a message");
        assertTrue(schedule.due(MS, 3, SendSchedule.EARLY_BYTES, false, false), "enough bytes for a message");
        assertTrue(schedule.due(MS, 1, 10, true, false), "at exit everything goes");
    }

    @Test
    void withinTheCollectorsHeadroomItSendsAtTheRelaxedPace() {
        SendSchedule schedule = new SendSchedule(20 * MS, 0);
        schedule.sent(0);
        long relaxed = SendSchedule.RELAXED_INTERVAL_NANOS;
        assertFalse(schedule.due(30 * MS, 10, 1000, false, true), "covered: not yet");
        assertTrue(schedule.due(30 * MS, 10, 1000, false, false), "not covered: the ordinary interval");
        assertEquals(relaxed - 30 * MS, schedule.nanosUntilDue(30 * MS, true),
                "it sleeps until the relaxed interval is up (a batch beyond the headroom wakes it)");
        assertEquals(0, schedule.nanosUntilDue(30 * MS, false), "not covered: due after send_interval");
        assertEquals(relaxed - 240 * MS, schedule.nanosUntilDue(240 * MS, true));
        assertTrue(schedule.due(relaxed, 10, 1000, false, true), "covered batches wait at most the relaxed interval");
        assertTrue(schedule.due(MS, SendSchedule.EARLY_BATCHES, 1000, false, true), "half a message goes at once");
    }

    @Test
    void intervalZeroSendsEveryBatchAtOnce() {
        SendSchedule schedule = new SendSchedule(0, 0);
        schedule.sent(0);
        assertTrue(schedule.due(0, 1, 10, false, false));
        assertEquals(0, schedule.nanosUntilDue(0, false));
    }
}
