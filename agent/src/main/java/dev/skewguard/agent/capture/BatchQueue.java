package dev.skewguard.agent.capture;

import dev.skewguard.agent.AgentLog;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The bounded hand-over between training threads and the sender. A training thread only offers; when the queue is
 * full the newest batch is dropped and counted (or, with block_when_full, the thread waits for room, at most
 * block_timeout and not once the agent is shutting down; after a wait that ran out, later batches are dropped at once
 * until the sender takes batches again). Drops are told by {@link DropNotice}; {@link BatchCounts} keeps what became
 * of each instrumentation's batches. The first offer starts the sender through {@code onFirstBatch}. An offer wakes the sender
 * through {@code wakeUp} only when the sender said it is parking for want of batches ({@link #senderParking}), so a
 * busy sender costs the training thread no system call; no wake-up is lost (see {@link #senderParking}). A sender
 * that holds only batches the collector says cannot fire the rule parks until an offer goes beyond that headroom
 * ({@link #senderParkingWithin}): a steady job wakes it a few times a second, not at every send_interval.
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
    /** While the sender is parked within the headroom ({@link #senderParkingWithin}); written before the flag. */
    private volatile boolean withinHeadroom;
    private volatile long spareLabels;
    private volatile int classesBelow;
    private volatile int modeBits;
    /** Labels offered since the sender parked within the headroom. */
    private final AtomicLong labelsWhileParked = new AtomicLong();
    private final Runnable onFirstBatch;
    private volatile Runnable wakeUp = NOTHING;
    private static final Runnable NOTHING = new Runnable() {
        @Override
        public void run() {
        }
    };
    private volatile boolean closing;
    private final long blockTimeoutNanos;
    /** block_when_full: a wait for room ran out and the sender has taken nothing since: do not wait. */
    private volatile boolean stalled;
    private final int capacity;
    private final DropNotice dropNotice;
    private final BatchCounts counts = new BatchCounts();

    public BatchQueue(int capacity, boolean blockWhenFull, Runnable onFirstBatch) {
        this(capacity, blockWhenFull, TimeUnit.SECONDS.toNanos(10), onFirstBatch);
    }

    /** {@code blockTimeoutNanos}: with block_when_full, the longest one offer waits for room. */
    public BatchQueue(int capacity, boolean blockWhenFull, long blockTimeoutNanos, Runnable onFirstBatch) {
        this(capacity, blockWhenFull, blockTimeoutNanos, onFirstBatch, AgentLog.WARN);
    }

    /** As above, telling drops to {@code dropLines} (tests). */
    public BatchQueue(int capacity, boolean blockWhenFull, long blockTimeoutNanos, Runnable onFirstBatch,
                      Consumer<String> dropLines) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.blockWhenFull = blockWhenFull;
        this.blockTimeoutNanos = Math.max(0, blockTimeoutNanos);
        this.onFirstBatch = onFirstBatch;
        this.dropNotice = new DropNotice(capacity, blockWhenFull, this.blockTimeoutNanos, dropLines, DropNotice.NANO_TIME);
    }

    /**
     * Starts the sender (it connects) before any batch, as the first offer would: for instrumentations that learn
     * from the collector's Welcome what to capture. Does nothing once started. Never blocks.
     */
    public void startSender() {
        if (!started.get() && started.compareAndSet(false, true)) {
            onFirstBatch.run();
        }
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
        if (!accepted && blockWhenFull && !stalled) {
            accepted = awaitRoom(batch);
        }
        BatchCounts.Tally tally = counts.of(batch.framework());
        tally.captured();
        if (!accepted) {
            droppedSincePrevious.incrementAndGet();
            droppedTotal.incrementAndGet();
            tally.dropped();
            dropNotice.dropped();
        }
        // Counted after the enqueue; then, if the sender is parking until this many offers (it set the flag, then
        // found too few), wake it once.
        long n = offered.incrementAndGet();
        CaptureClock.record(n, batch.mode(), batch.step());
        if (senderParked.get() && (n >= wakeAtOffered || beyondHeadroom(batch))
                && senderParked.compareAndSet(true, false)) {
            wakeUp.run();
        }
        return accepted;
    }

    /**
     * While the sender is parked within the headroom: whether this batch takes what was offered since beyond it (more
     * labels than it spares, a class id or a mode it does not cover), so that the batch could fire the rule.
     */
    private boolean beyondHeadroom(CapturedBatch batch) {
        if (!withinHeadroom) {
            return false;
        }
        int[] labels = batch.labels();
        if (((1 << batch.mode().ordinal()) & ~modeBits) != 0
                || labelsWhileParked.addAndGet(labels.length) > spareLabels) {
            return true;
        }
        int below = classesBelow;
        for (int label : labels) {
            if (label >= below) {
                return true;
            }
        }
        return false;
    }

    /** Waits for room at most block_timeout (and not once closing); marks the queue stalled if none came. */
    private boolean awaitRoom(CapturedBatch batch) {
        long deadline = System.nanoTime() + blockTimeoutNanos;
        try {
            while (!closing) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    stalled = true;
                    return false;
                }
                if (queue.offer(batch, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
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
        withinHeadroom = false;
        wakeAtOffered = offered.get() + Math.max(1, batches);
        senderParked.set(true);
        if (batches <= 1 ? !queue.isEmpty() : offered.get() >= wakeAtOffered) {
            senderParked.set(false);
            return false;
        }
        return true;
    }

    /**
     * Like {@link #senderParking(int)} for a sender whose held batches are all within the collector's headroom: an
     * offer also wakes it as soon as the batches offered since take it beyond {@code spareLabels} more labels, or
     * carry a class id of {@code classesBelow} or above, or a mode outside {@code modeBits} (bit 1 << ordinal).
     * Returns false, and the sender must not park, if any batch is waiting: the offers that wake it are only those
     * that come after this call, and every one of them is looked at.
     */
    public boolean senderParkingWithin(int batches, long spareLabels, int classesBelow, int modeBits) {
        this.spareLabels = spareLabels;
        this.classesBelow = classesBelow;
        this.modeBits = modeBits;
        labelsWhileParked.set(0);
        withinHeadroom = true;
        wakeAtOffered = offered.get() + Math.max(1, batches);
        senderParked.set(true);
        if (!queue.isEmpty()) {
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
        CapturedBatch b = queue.poll();
        if (b != null && stalled) {
            stalled = false;
        }
        return b;
    }

    /** Moves up to {@code max} waiting batches, oldest first, into {@code into}; returns how many. Sender only. */
    public int drainTo(java.util.Collection<? super CapturedBatch> into, int max) {
        int n = max <= 0 ? 0 : queue.drainTo(into, max);
        if (n > 0 && stalled) {
            stalled = false;
        }
        return n;
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

    /** Counts a batch of this instrumentation the sender had to discard (e.g. too large to send) as dropped. */
    public void countDropped(String instrumentation) {
        droppedSincePrevious.incrementAndGet();
        droppedTotal.incrementAndGet();
        counts.of(instrumentation).dropped();
    }

    /**
     * Counts {@code n} batches of this instrumentation that were captured but could not be sent as the collector's
     * rule would read them (they are dropped: the report and the exit line say so).
     */
    public void countLost(String instrumentation, long n) {
        if (n <= 0) {
            return;
        }
        droppedSincePrevious.addAndGet(n);
        droppedTotal.addAndGet(n);
        BatchCounts.Tally tally = counts.of(instrumentation);
        for (long i = 0; i < n; i++) {
            tally.captured();
            tally.dropped();
        }
    }

    /**
     * Counts batches the sender discarded after it took them (the collector refused them) as dropped; their tallies
     * count them themselves.
     */
    public void countDiscarded(int n) {
        droppedSincePrevious.addAndGet(n);
        droppedTotal.addAndGet(n);
    }

    /** What became of each instrumentation's batches. */
    public BatchCounts counts() {
        return counts;
    }

    /** Batches dropped because the buffer was full (with block_when_full: after block_timeout, or at exit). */
    public long droppedFull() {
        return dropNotice.total();
    }

    /** The buffer's capacity ({@code buffer}). */
    public int capacity() {
        return capacity;
    }

    /** block_when_full: whether a wait for room ran out and the sender has taken nothing since (offers drop at once). */
    public boolean stalled() {
        return stalled;
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
