package dev.skewguard.collector.transport;

import com.google.protobuf.CodedInputStream;
import dev.skewguard.proto.v1.AgentMessage;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Parses the AgentMessages of a Stream call. Tensor bytes are aliased, not copied: the Tensor the rule reads wraps
 * the buffer the message arrived in. A message larger than the limit, or one that is not a valid AgentMessage,
 * becomes a {@link InboundMessage#rejected} one that its stream answers with RESOURCE_EXHAUSTED or
 * INVALID_ARGUMENT.
 *
 * <p>The transport's own limit is set above this one (see {@link GrpcServer}): grpc-java can only reset a
 * bidirectional stream whose later message exceeds the transport limit, which the client sees as CANCELLED
 * (grpc/grpc-java#11245), so the collector enforces its documented limit here, with a proper status.
 */
public final class InboundMarshaller implements MethodDescriptor.Marshaller<InboundMessage> {
    private final int maxMessageBytes;

    public InboundMarshaller(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public InputStream stream(InboundMessage value) {
        return value.message().toByteString().newInput();
    }

    @Override
    public InboundMessage parse(InputStream stream) {
        byte[] bytes;
        try {
            int stated = stream instanceof KnownLength ? stream.available() : 0;
            if (stated > maxMessageBytes) {
                return tooLarge(stated);
            }
            bytes = readFully(stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > maxMessageBytes) {
            return tooLarge(bytes.length);
        }
        try {
            CodedInputStream input = CodedInputStream.newInstance(bytes);
            input.enableAliasing(true);
            input.setSizeLimit(Integer.MAX_VALUE);
            return InboundMessage.parsed(AgentMessage.parseFrom(input), bytes.length);
        } catch (IOException e) { // InvalidProtocolBufferException: reading a byte array fails no other way
            return InboundMessage.rejected(Status.INVALID_ARGUMENT
                    .withDescription("malformed AgentMessage (" + bytes.length + " bytes): " + e.getMessage()));
        }
    }

    private InboundMessage tooLarge(int bytes) {
        return InboundMessage.rejected(Status.RESOURCE_EXHAUSTED.withDescription("message of " + bytes
                + " bytes exceeds the collector's maximum of " + maxMessageBytes
                + " bytes (--max-message-bytes): send smaller batches"));
    }

    /**
     * The message's bytes, copied once: gRPC's inbound stream knows its length, so the array is allocated at its size
     * (readAllBytes would gather chunks and copy them again).
     */
    private static byte[] readFully(InputStream stream) throws IOException {
        if (stream instanceof KnownLength) {
            byte[] bytes = new byte[stream.available()];
            int read = stream.readNBytes(bytes, 0, bytes.length);
            int next = read == bytes.length ? stream.read() : -1;
            if (read == bytes.length && next == -1) {
                return bytes;
            }
            // Not what the stream said: keep what was read and append whatever else is there.
            byte[] rest = stream.readAllBytes();
            int extra = next == -1 ? 0 : 1;
            byte[] all = java.util.Arrays.copyOf(bytes, read + extra + rest.length);
            if (extra == 1) {
                all[read] = (byte) next;
            }
            System.arraycopy(rest, 0, all, read + extra, rest.length);
            return all;
        }
        return stream.readAllBytes();
    }
}
