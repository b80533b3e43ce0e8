package dev.skewguard.agent.export;

import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.Batch;
import dev.skewguard.proto.v1.Batches;
import java.util.List;

/**
 * Which of the batches waiting to be sent go out together in one message: consecutive ones, at most
 * {@link #MAX_BATCHES_PER_MESSAGE} of them and {@link #MAX_MESSAGE_BYTES} in all (a single batch larger than that
 * goes alone; the sender never holds one above the collector's limit). One batch is sent as a Batch message,
 * several as one Batches message, which the collector counts exactly as if each had come alone.
 */
public final class BatchGrouping {
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;
    public static final int MAX_BATCHES_PER_MESSAGE = 256;
    /** What a batch adds to a Batches message beyond its own bytes: its field tag and length, at most. */
    private static final int PER_BATCH_FRAMING = 8;

    private BatchGrouping() {
    }

    /** The end (exclusive) of the group that starts at {@code first} in {@code held}. */
    static int groupEnd(List<Batch> held, int first) {
        int end = first + 1;
        long bytes = held.get(first).getSerializedSize();
        while (end < held.size() && end - first < MAX_BATCHES_PER_MESSAGE) {
            long next = held.get(end).getSerializedSize() + PER_BATCH_FRAMING;
            if (bytes + next > MAX_MESSAGE_BYTES) {
                break;
            }
            bytes += next;
            end++;
        }
        return end;
    }

    /** The message that carries {@code group} (one or more batches, in sequence order). */
    public static AgentMessage message(List<Batch> group) {
        if (group.size() == 1) {
            return AgentMessage.newBuilder().setBatch(group.get(0)).build();
        }
        return AgentMessage.newBuilder().setBatches(Batches.newBuilder().addAllBatches(group)).build();
    }
}
