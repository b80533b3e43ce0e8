package dev.skewguard.agent.capture;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded hand-over between training threads and the sender. A training thread only offers; when the queue is
 * full the newest batch is dropped and counted (or, with block_when_full, the thread waits for room while the agent
 * is not shutting down). The first offer starts the sender through {@code onFirstBatch}. An offer wakes the sender
 * through {@code wakeUp} only when the sender said it is parking for want of batches ({@link #senderParking}), so a
 * busy sender costs the training thread no system call; no wake-up is lost (see {@link #senderParking}).
 */
public final class BatchQueue {
    private final ArrayBlockingQueue<CapturedBatch> queue;
    private final boolean blockWhenFull;
    private final AtomicLong droppedSincePrevious = new AtomicLong();
    private final AtomicLong droppedTotal = new AtomicLong();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean senderParked = new AtomicBoolean();
    /** While the sender is parked: the count of offers that wakes it (written before {@link #senderParked}). */
    private volatile long wakeAtOffered = 1;
    private final Runnable onFirstBatch;
    private volatile Runnable wakeUp = NOTHING;
    private static final Runnable NOTHING = new Runnable() {
        @Override
        public void run() {
        }
    };
    private volatile boolean closing;

    public BatchQueue(int capacity, boolean blockWhenFull, Runnable onFirstBatch) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.blockWhenFull = blockWhenFull;
        this.onFirstBatch = onFirstBatch;
    }

    /** Hands a batch over; returns false if it was dropped. Never throws. */
    public boolean offer(CapturedBatch batch) {
        if (!started.get() && started.compareAndSet(false, true)) {
            onFirstBatch.run();
        }
        boolean accepted = queue.offer(batch);
        if (!accepted && senderParked.get() && senderParked.compareAndSet(true, false)) {
            wakeUp.run(); // full: whatever the sender was waiting for, it should take batches now
        }
        if (!accepted && blockWhenFull) {
            try {
                while (!accepted && !closing) {
                    accepted = queue.offer(batch, 100, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!accepted) {
            droppedSincePrevious.incrementAndGet();
            droppedTotal.incrementAndGet();
        }
        // Counted after the enqueue; then, if the sender is parking until this many offers (it set the flag, then
        // found too few), wake it once.
        long n = offered.incrementAndGet();
        if (senderParked.get() && n >= wakeAtOffered && senderParked.compareAndSet(true, false)) {
            wakeUp.run();
        }
        return accepted;
    }

    /**
     * Sender thread, before it parks waiting for batches: returns true if it may park (then an offer will wake it),
     * false if a batch is already waiting. The flag is set before the queue is checked and an offer checks it after
     * enqueueing, so either the sender sees the batch or the offer sees the flag: no wake-up is lost. Call
     * {@link #senderAwake} after parking.
     */
    public boolean senderParking() {
        return senderParking(1);
    }

    /**
     * Like {@link #senderParking()}, but the offers wake the sender only once {@code batches} more have been handed
     * over (dropped ones count): a sender that gathers batches for a while sleeps through the first ones and is still
     * woken before the queue fills. With more than one, a wake-up may come a few batches late; the sender's own
     * timed park bounds that.
     */
    public boolean senderParking(int batches) {
        wakeAtOffered = offered.get() + Math.max(1, batches);
        senderParked.set(true);
        if (batches <= 1 ? !queue.isEmpty() : offered.get() >= wakeAtOffered) {
            senderParked.set(false);
            return false;
        }
        return true;
    }

    /** Sender thread, after parking: offers no longer need to wake it. */
    public void senderAwake() {
        senderParked.set(false);
    }

    /** The next batch, or null if none waits. Sender thread only. */
    public CapturedBatch poll() {
        return queue.poll();
    }

    /** Moves up to {@code max} waiting batches, oldest first, into {@code into}; returns how many. Sender only. */
    public int drainTo(java.util.Collection<? super CapturedBatch> into, int max) {
        return max <= 0 ? 0 : queue.drainTo(into, max);
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    public int size() {
        return queue.size();
    }

    /** Drops counted since the last call (the sender attaches them to the batch it takes next). */
    public long takeDroppedSincePrevious() {
        return droppedSincePrevious.getAndSet(0);
    }

    /** Puts drops back that were taken but could not be attached to a batch. */
    public void returnDropped(long n) {
        droppedSincePrevious.addAndGet(n);
    }

    public long droppedTotal() {
        return droppedTotal.get();
    }

    /** Counts a batch the sender had to discard (e.g. too large to send) as dropped. */
    public void countDropped() {
        droppedSincePrevious.incrementAndGet();
        droppedTotal.incrementAndGet();
    }

    public long offeredTotal() {
        return offered.get();
    }

    public void setWakeUp(Runnable wakeUp) {
        this.wakeUp = wakeUp;
    }

    /** From now on, block_when_full no longer waits (the JVM is exiting). */
    public void close() {
        closing = true;
    }
}
