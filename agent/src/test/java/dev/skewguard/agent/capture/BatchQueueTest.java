package dev.skewguard.agent.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchQueueTest {
    private static CapturedBatch batch(long step) {
        return CapturedBatch.ofClasses("t", CaptureMode.TRAIN, step, new int[] {1}, null);
    }

    @Test
    void fullQueueDropsTheNewestAndCountsIt() {
        AtomicInteger starts = new AtomicInteger();
        BatchQueue q = new BatchQueue(2, false, starts::incrementAndGet);
        CapturedBatch first = batch(1);
        assertTrue(q.offer(first));
        assertTrue(q.offer(batch(2)));
        assertFalse(q.offer(batch(3)));
        assertFalse(q.offer(batch(4)));
        assertEquals(1, starts.get(), "the sender starts once, with the first batch");
        assertEquals(2, q.droppedTotal());
        assertEquals(2, q.takeDroppedSincePrevious());
        assertEquals(0, q.takeDroppedSincePrevious());
        assertSame(first, q.poll(), "the oldest batches are kept");
        assertEquals(4, q.offeredTotal());
    }

    @Test
    void drainToTakesTheOldestUpToTheLimit() {
        BatchQueue q = new BatchQueue(8, false, () -> { });
        for (int i = 1; i <= 5; i++) {
            q.offer(batch(i));
        }
        java.util.List<CapturedBatch> taken = new java.util.ArrayList<>();
        assertEquals(0, q.drainTo(taken, 0), "a full window takes nothing");
        assertEquals(3, q.drainTo(taken, 3));
        assertEquals(java.util.List.of(1L, 2L, 3L), taken.stream().map(CapturedBatch::step).toList());
        assertEquals(2, q.drainTo(taken, 10));
        assertEquals(5, taken.get(4).step());
        assertTrue(q.isEmpty());
    }

    @Test
    void blockWhenFullWaitsForRoomButNotOnceClosing() throws Exception {
        BatchQueue q = new BatchQueue(1, true, () -> { });
        q.offer(batch(1));
        Thread consumer = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                return;
            }
            q.poll();
        });
        consumer.start();
        assertTrue(q.offer(batch(2)), "waited for the consumer to make room");
        consumer.join();
        q.close();
        assertFalse(q.offer(batch(3)), "a closing queue drops instead of blocking");
        assertEquals(1, q.droppedTotal());
    }

    @Test
    void blockWhenFullWaitsAtMostBlockTimeoutThenDropsWithoutWaitingUntilTheSenderTakesAgain() {
        List<String> lines = new ArrayList<>();
        BatchQueue q = new BatchQueue(1, true, TimeUnit.MILLISECONDS.toNanos(50), () -> { }, lines::add);
        assertTrue(q.offer(batch(1)));
        assertFalse(q.stalled());
        assertFalse(q.offer(batch(2)), "nobody makes room: dropped after block_timeout");
        assertTrue(q.stalled(), "later batches do not wait");
        assertFalse(q.offer(batch(3)));
        assertEquals(2, q.droppedFull());
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("dropping captured batches: the buffer (buffer=1) stayed full for"
                + " block_timeout=0.05 s (block_when_full=true)"), lines.get(0));
        assertSame(1L, q.poll().step());
        assertFalse(q.stalled(), "the sender took a batch: offers wait for room again");
        assertTrue(q.offer(batch(4)));
    }

    @Test
    void eachInstrumentationsBatchesAreCountedAndDropsToldOnce() {
        List<String> lines = new ArrayList<>();
        BatchQueue q = new BatchQueue(2, false, 0, () -> { }, lines::add);
        q.offer(CapturedBatch.ofClasses("djl", CaptureMode.TRAIN, 1, new int[] {1}, null));
        q.offer(CapturedBatch.ofClasses("methods", CaptureMode.TRAIN, 1, new int[] {1}, null));
        for (int i = 0; i < 5; i++) {
            q.offer(CapturedBatch.ofClasses("methods", CaptureMode.TRAIN, 1, new int[] {1}, null));
        }
        q.countDropped("djl");
        assertEquals(1, q.counts().of("djl").capturedCount());
        assertEquals(1, q.counts().of("djl").droppedCount());
        assertEquals(6, q.counts().of("methods").capturedCount());
        assertEquals(5, q.counts().of("methods").droppedCount());
        assertEquals(5, q.droppedFull(), "the sender's discard is not a full buffer");
        assertEquals(6, q.droppedTotal());
        assertEquals(1, q.counts().unconfirmed(), "one batch neither counted nor dropped");
        assertEquals(List.of("dropping captured batches: the buffer (buffer=2) is full: the collector is not taking"
                + " them fast enough or is unreachable; training goes on and the drops are counted (raise buffer, or"
                + " set block_when_full=true to wait for room instead)"), lines);
    }

    @Test
    void captureChecksShapesAndCountsBadCallsAsAdviceErrors() {
        BatchQueue q = new BatchQueue(8, false, () -> { });
        Capture.install(q, false);
        long errors = AdviceErrors.count();
        Capture.record("t", CaptureMode.TRAIN, 1, new int[] {0, 1}, new int[] {0});
        Capture.recordScores("t", CaptureMode.EVAL, 1, new int[] {0, 1}, new float[3], 2);
        Capture.record("t", CaptureMode.TRAIN, 1, null, null);
        assertEquals(errors + 3, AdviceErrors.count());
        assertEquals(0, q.size());
        Capture.recordScores("t", CaptureMode.EVAL, 1, new int[] {0, 1}, new float[4], 2);
        assertEquals(1, q.size());
    }
}
