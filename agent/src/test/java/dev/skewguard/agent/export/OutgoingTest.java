package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.Batch;
import dev.skewguard.proto.v1.Hello;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class OutgoingTest {

    @Test
    void serializedBytesGoOutAsTheyAreInOneWriteWithTheirLengthKnown() throws Exception {
        byte[] bytes = AgentMessage.newBuilder().setBatch(Batch.newBuilder().setSequence(7)).build().toByteArray();
        InputStream stream = Outgoing.STREAM.getRequestMarshaller().stream(Outgoing.ofBytes(bytes));

        assertTrue(stream instanceof KnownLength, "gRPC frames a KnownLength stream without buffering it first");
        assertEquals(bytes.length, stream.available());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(bytes.length, ((Drainable) stream).drainTo(out));
        assertArrayEquals(bytes, out.toByteArray());
        assertEquals(-1, stream.read(), "drained");
    }

    @Test
    void anAgentMessageIsSerializedByTheProtobufMarshaller() throws Exception {
        AgentMessage hello = AgentMessage.newBuilder().setHello(Hello.newBuilder().setJobId("j").setWorkerId("w")
                .setInstanceId("i").setMaxUnacknowledged(1024)).build();
        InputStream stream = Outgoing.STREAM.getRequestMarshaller().stream(Outgoing.of(hello));

        assertEquals(hello, AgentMessage.parseFrom(stream.readAllBytes()));
    }

    @Test
    void theMethodIsTheCollectorsStreamAndItsResponsesAreCollectorMessages() {
        assertEquals("skewguard.v1.Collector/Stream", Outgoing.STREAM.getFullMethodName());
        assertEquals(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING, Outgoing.STREAM.getType());
    }
}
