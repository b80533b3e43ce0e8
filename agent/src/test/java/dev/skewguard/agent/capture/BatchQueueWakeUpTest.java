package dev.skewguard.agent.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** An offer wakes the sender only when it is parking for batches, and never loses a wake-up. */
class BatchQueueWakeUpTest {
    private static CapturedBatch batch(long step) {
        return CapturedBatch.ofClasses("t", CaptureMode.TRAIN, step, new int[] {1}, null);
    }

    @Test
    void anOfferWakesOnlyASenderThatIsParking() {
        AtomicInteger wakeUps = new AtomicInteger();
        BatchQueue q = new BatchQueue(8, false, () -> { });
        q.setWakeUp(wakeUps::incrementAndGet);
        q.offer(batch(1));
        assertEquals(0, wakeUps.get(), "a sender that is not parked is not woken");
        assertFalse(q.senderParking(), "a batch is waiting: the sender must not park");
        q.offer(batch(2));
        assertEquals(0, wakeUps.get(), "the sender gave up parking: no wake-up needed");
        q.poll();
        q.poll();
        assertTrue(q.senderParking(), "the queue is empty: the sender may park");
        q.offer(batch(3));
        q.offer(batch(4));
        assertEquals(1, wakeUps.get(), "a parked sender is woken once, not once per batch");
        q.senderAwake();
        q.offer(batch(5));
        assertEquals(1, wakeUps.get());
    }

    @Test
    void aGatheringSenderIsWokenAfterTheBatchesItAskedForOrWhenTheQueueIsFull() {
        AtomicInteger wakeUps = new AtomicInteger();
        BatchQueue q = new BatchQueue(4, false, () -> { });
        q.setWakeUp(wakeUps::incrementAndGet);
        assertTrue(q.senderParking(3), "nothing offered yet: the sender may park");
        q.offer(batch(1));
        q.offer(batch(2));
        assertEquals(0, wakeUps.get(), "two of the three batches it waits for");
        q.offer(batch(3));
        assertEquals(1, wakeUps.get(), "the third wakes it");
        q.senderAwake();

        assertTrue(q.senderParking(100), "far fewer than it waits for");
        q.offer(batch(4)); // the queue is now full
        assertEquals(1, wakeUps.get());
        assertFalse(q.offer(batch(5)), "dropped");
        assertEquals(2, wakeUps.get(), "a full queue wakes it whatever it waited for");
        q.senderAwake();
    }

    private static CapturedBatch batch(CaptureMode mode, int... labels) {
        return CapturedBatch.ofClasses("t", mode, 1, labels, null);
    }

    private static void drain(BatchQueue q) {
        while (q.poll() != null) {
            // taken
        }
    }

    @Test
    void aSenderParkedWithinTheHeadroomIsWokenByTheFirstBatchBeyondIt() {
        AtomicInteger wakeUps = new AtomicInteger();
        BatchQueue q = new BatchQueue(64, false, () -> { });
        q.setWakeUp(wakeUps::incrementAndGet);
        int train = 1 << CaptureMode.TRAIN.ordinal();

        assertTrue(q.senderParkingWithin(100, 5, 3, train), "nothing waits: it may park");
        q.offer(batch(CaptureMode.TRAIN, 0, 1));
        q.offer(batch(CaptureMode.TRAIN, 2, 2));
        q.offer(batch(CaptureMode.TRAIN, 0));
        assertEquals(0, wakeUps.get(), "5 labels of classes 0-2 in training: all within the headroom");
        q.offer(batch(CaptureMode.TRAIN, 1));
        assertEquals(1, wakeUps.get(), "the sixth label is one more than the headroom spares");
        q.senderAwake();
        drain(q);

        assertTrue(q.senderParkingWithin(100, 1000, 3, train));
        q.offer(batch(CaptureMode.TRAIN, 1, 2, 3));
        assertEquals(2, wakeUps.get(), "class 3 is not below classes_below 3: it could fire the rule");
        q.senderAwake();
        drain(q);

        assertTrue(q.senderParkingWithin(100, 1000, 3, train));
        q.offer(batch(CaptureMode.EVAL, 0));
        assertEquals(3, wakeUps.get(), "a mode the rule has not counted");
        q.senderAwake();

        assertFalse(q.senderParkingWithin(100, 1000, 3, train), "a batch waits: it must not park");
        drain(q);

        assertTrue(q.senderParking(2), "parking for batches only");
        q.offer(batch(CaptureMode.EVAL, 7, 7, 7));
        assertEquals(3, wakeUps.get(), "no headroom to go beyond: only the count of batches wakes it");
        q.offer(batch(CaptureMode.TRAIN, 0));
        assertEquals(4, wakeUps.get());
        q.senderAwake();
    }

    @Test
    void noWakeUpIsLostBetweenASenderParkingAndProducersOffering() throws Exception {
        int producers = 2;
        int perProducer = 20_000;
        int total = producers * perProducer;
        BatchQueue q = new BatchQueue(total, false, () -> { });
        AtomicLong received = new AtomicLong();
        // The sender parks with no timeout: one lost wake-up would leave it parked and the test would time out.
        Thread sender = new Thread(() -> {
            while (received.get() < total) {
                if (q.poll() != null) {
                    received.incrementAndGet();
                    continue;
                }
                if (q.senderParking()) {
                    LockSupport.park(this);
                    q.senderAwake();
                }
            }
        }, "test-sender");
        sender.setDaemon(true);
        q.setWakeUp(() -> LockSupport.unpark(sender));
        sender.start();
        Thread[] threads = new Thread[producers];
        for (int p = 0; p < producers; p++) {
            threads[p] = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    q.offer(batch(i));
                    if (i % 64 == 0) {
                        Thread.yield(); // let the sender drain the queue and park often
                    }
                }
            }, "test-producer-" + p);
            threads[p].setDaemon(true);
            threads[p].start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(20));
        }
        sender.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(sender.isAlive(), "the sender was left parked with batches waiting: " + received.get()
                + " of " + total + " received, " + q.size() + " in the queue");
        assertEquals(total, received.get());
        assertEquals(0, q.droppedTotal());
    }
}
