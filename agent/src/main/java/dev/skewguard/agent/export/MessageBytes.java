package dev.skewguard.agent.export;

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
 * The collector's Stream method with the agent's messages as their serialized bytes: the sender encodes each batch
 * once ({@link BatchEncoder}) and frames groups of them without parsing them back ({@link BatchGrouping}); gRPC
 * then copies the bytes into its buffers in one write.
 */
final class MessageBytes implements MethodDescriptor.Marshaller<byte[]> {
    static final MethodDescriptor<byte[], CollectorMessage> STREAM = CollectorGrpc.getStreamMethod()
            .toBuilder(new MessageBytes(), CollectorGrpc.getStreamMethod().getResponseMarshaller())
            .build();

    private MessageBytes() {
    }

    @Override
    public InputStream stream(byte[] value) {
        return new Input(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
        try {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A message's bytes that gRPC can size up front and write out in one call. */
    private static final class Input extends ByteArrayInputStream implements KnownLength, Drainable {
        Input(byte[] bytes) {
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
