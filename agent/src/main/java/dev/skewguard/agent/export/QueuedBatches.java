package dev.skewguard.agent.export;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.capture.BatchQueue;
import dev.skewguard.agent.capture.CapturedBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves captured batches from the training threads' queue into the resend window (sender thread only): takes them
 * under one acquisition of the queue's lock, then numbers and encodes them. A batch that cannot be encoded, or is
 * larger than the collector accepts, is counted as dropped (the latter said once).
 */
final class QueuedBatches {
    /** The collector's default limit is 16 MiB; stay clear of it. */
    static final int MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;

    private final BatchQueue queue;
    private final BatchEncoder encoder;
    private final int window;
    /**
     * Batches drained and not yet encoded: while the first connection is made the sender holds them here, not
     * encoded, so that an unreachable collector never gets protobuf initialised.
     */
    private final List<CapturedBatch> taken = new ArrayList<>();
    private boolean warnedTooLarge;

    QueuedBatches(BatchQueue queue, boolean scores, int window) {
        this.queue = queue;
        this.encoder = new BatchEncoder(scores);
        this.window = window;
    }

    /**
     * Takes what waits in the queue, as much as the window has room for beside {@code held}, under one acquisition
     * of the queue's lock rather than one per batch: fewer chances that a training thread's offer waits.
     */
    void drain(ResendWindow held) {
        queue.drainTo(taken, window - held.size() - taken.size());
    }

    /** Drains, then numbers and encodes every batch taken into {@code held}. */
    void moveInto(ResendWindow held) {
        drain(held);
        for (CapturedBatch captured : taken) {
            long dropped = queue.takeDroppedSincePrevious();
            long sequence = held.nextSequence();
            EncodedBatch batch;
            try {
                batch = new EncodedBatch(sequence, encoder.encode(captured, sequence, dropped),
                        captured.labels().length, maxLabel(captured.labels()), 1 << captured.mode().ordinal(),
                        queue.counts().of(captured.framework()));
            } catch (RuntimeException e) {
                queue.returnDropped(dropped);
                queue.countDropped(captured.framework());
                continue;
            }
            if (batch.size() > MAX_BATCH_BYTES) {
                queue.returnDropped(dropped);
                queue.countDropped(captured.framework());
                if (!warnedTooLarge) {
                    warnedTooLarge = true;
                    AgentLog.warn("dropped a captured batch of " + batch.size()
                            + " bytes: larger than the collector accepts (counted as dropped)");
                }
                continue;
            }
            held.add(batch);
        }
        taken.clear();
    }

    private static int maxLabel(int[] labels) {
        int max = -1;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return max;
    }
}
