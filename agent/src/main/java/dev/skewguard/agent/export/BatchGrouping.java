package dev.skewguard.agent.export;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.Batches;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Which of the batches waiting to be sent go out together in one message: consecutive ones, at most
 * {@link #MAX_BATCHES_PER_MESSAGE} of them and {@link #MAX_MESSAGE_BYTES} in all (a single batch larger than that
 * goes alone; the sender never holds one above the collector's limit). One batch is sent as a Batch message,
 * several as one Batches message, which the collector counts exactly as if each had come alone.
 */
public final class BatchGrouping {
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;
    public static final int MAX_BATCHES_PER_MESSAGE = 1024;
    /** What a batch adds to a Batches message beyond its own bytes: its field tag and length, at most. */
    private static final int PER_BATCH_FRAMING = 8;

    private BatchGrouping() {
    }

    /** The end (exclusive) of the group that starts at {@code first} in {@code held}. */
    static int groupEnd(List<EncodedBatch> held, int first) {
        int end = first + 1;
        long bytes = held.get(first).size();
        while (end < held.size() && end - first < MAX_BATCHES_PER_MESSAGE) {
            long next = held.get(end).size() + PER_BATCH_FRAMING;
            if (bytes + next > MAX_MESSAGE_BYTES) {
                break;
            }
            bytes += next;
            end++;
        }
        return end;
    }

    /**
     * The bytes of the AgentMessage that carries {@code group} (one or more batches, in sequence order): the batches'
     * own bytes, each framed as a field, copied once into one array.
     */
    static byte[] message(List<EncodedBatch> group) {
        if (group.size() == 1) {
            return field(AgentMessage.BATCH_FIELD_NUMBER, group.get(0).bytes());
        }
        int inner = 0;
        for (EncodedBatch b : group) {
            inner += CodedOutputStream.computeByteArraySize(Batches.BATCHES_FIELD_NUMBER, b.bytes());
        }
        byte[] out = new byte[BatchEncoder.lengthDelimitedSize(AgentMessage.BATCHES_FIELD_NUMBER, inner)];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            o.writeTag(AgentMessage.BATCHES_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            o.writeUInt32NoTag(inner);
            for (EncodedBatch b : group) {
                o.writeByteArray(Batches.BATCHES_FIELD_NUMBER, b.bytes());
            }
            o.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the array is sized above
        }
        return out;
    }

    private static byte[] field(int number, byte[] value) {
        byte[] out = new byte[CodedOutputStream.computeByteArraySize(number, value)];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            o.writeByteArray(number, value);
            o.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
