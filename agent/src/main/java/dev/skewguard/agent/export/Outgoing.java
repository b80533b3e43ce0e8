package dev.skewguard.agent.export;

import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.CollectorGrpc;
import dev.skewguard.proto.v1.CollectorMessage;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One message the sender writes on the Stream call: an AgentMessage (Hello, Goodbye), which gRPC serializes only
 * when the transport writes it (never, if the collector cannot be reached), or the bytes of one the sender has
 * serialized itself (batches: {@link BatchEncoder} encodes each once, {@link BatchGrouping} frames groups of them
 * without parsing them back); gRPC copies those into its buffers in one write.
 */
final class Outgoing {
    /** The collector's Stream method with {@link Outgoing} requests. */
    static final MethodDescriptor<Outgoing, CollectorMessage> STREAM = CollectorGrpc.getStreamMethod()
            .toBuilder(new Marshaller(), CollectorGrpc.getStreamMethod().getResponseMarshaller())
            .build();

    private final AgentMessage message;
    private final byte[] bytes;

    private Outgoing(AgentMessage message, byte[] bytes) {
        this.message = message;
        this.bytes = bytes;
    }

    static Outgoing of(AgentMessage message) {
        return new Outgoing(message, null);
    }

    /** A serialized AgentMessage; the array is not changed afterwards. */
    static Outgoing ofBytes(byte[] serialized) {
        return new Outgoing(null, serialized);
    }

    private static final class Marshaller implements MethodDescriptor.Marshaller<Outgoing> {
        private static final MethodDescriptor.Marshaller<AgentMessage> MESSAGES =
                CollectorGrpc.getStreamMethod().getRequestMarshaller();

        @Override
        public InputStream stream(Outgoing value) {
            return value.bytes != null ? new Bytes(value.bytes) : MESSAGES.stream(value.message);
        }

        @Override
        public Outgoing parse(InputStream stream) {
            return of(MESSAGES.parse(stream)); // not used: the agent only sends these
        }
    }

    /** Serialized bytes that gRPC can size up front and write out in one call. */
    private static final class Bytes extends ByteArrayInputStream implements KnownLength, Drainable {
        Bytes(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int drainTo(OutputStream target) throws IOException {
            int n = count - pos;
            target.write(buf, pos, n);
            pos = count;
            return n;
        }
    }
}
