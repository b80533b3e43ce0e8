package dev.skewguard.agent.capture;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How long after the capture of the deciding batch, by its step and mode, counted in the queue's offers. */
class CaptureClockTest {
    @Test
    void theLagCountsTheOffersAfterTheEarliestBatchOfThatStepAndMode() {
        long base = 1_000_000;
        CaptureClock.record(base + 1, CaptureMode.TRAIN, 5);
        CaptureClock.record(base + 2, CaptureMode.EVAL, 5);
        CaptureClock.record(base + 3, CaptureMode.TRAIN, 6);
        CaptureClock.record(base + 4, CaptureMode.TRAIN, 7);
        String since = CaptureClock.since(CaptureMode.TRAIN, 5, base + 4);
        assertTrue(since != null && since.startsWith("3 batches and ")
                && since.endsWith(" ms after capturing the batch that decided (train step 5)"), since);
        assertTrue(CaptureClock.since(CaptureMode.EVAL, 5, base + 4).startsWith("2 batches and "));
    }

    @Test
    void aStepNotAmongTheLastOffersIsNotFound() {
        long base = 2_000_000;
        CaptureClock.record(base + 1, CaptureMode.TRAIN, 8);
        assertNull(CaptureClock.since(CaptureMode.PREDICT, 8, base + 1), "another mode");
        assertNull(CaptureClock.since(CaptureMode.TRAIN, 9, base + 1), "another step (another worker's batch)");
        assertNull(CaptureClock.since(CaptureMode.TRAIN, 8, base + 1 + CaptureClock.SIZE), "too old");
    }
}
