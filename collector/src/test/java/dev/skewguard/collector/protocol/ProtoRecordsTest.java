package dev.skewguard.collector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.skewguard.collector.rule.DType;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.Record;
import dev.skewguard.collector.server.TestAgent;
import dev.skewguard.collector.transport.InboundMarshaller;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.Batch;
import dev.skewguard.proto.v1.Tensor;
import io.grpc.Status;
import io.grpc.StatusException;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ProtoRecordsTest {
    static Tensor tensor(String name, dev.skewguard.proto.v1.DType dtype, byte[] data, long... shape) {
        Tensor.Builder tensor = Tensor.newBuilder().setName(name).setDtype(dtype).setData(ByteString.copyFrom(data));
        for (long dim : shape) {
            tensor.addShape(dim);
        }
        return tensor.build();
    }

    @Test
    void everyDtypeAndModeMapsToTheRulesTypes() throws Exception {
        ByteBuffer floats = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.25f).putFloat(0.75f);
        ByteBuffer longs = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(3).putLong(-1);
        Batch batch = Batch.newBuilder().setSequence(1).setStep(9).setMode(dev.skewguard.proto.v1.Mode.MODE_EVAL)
                .addTensors(tensor("u8", dev.skewguard.proto.v1.DType.DTYPE_UINT8, new byte[] {(byte) 200, 1}, 2))
                .addTensors(tensor("u16", dev.skewguard.proto.v1.DType.DTYPE_UINT16, new byte[] {(byte) 0xFF,
                        (byte) 0xFF}, 1))
                .addTensors(tensor("f32", dev.skewguard.proto.v1.DType.DTYPE_FLOAT32, floats.array(), 1, 2))
                .addTensors(tensor("i64", dev.skewguard.proto.v1.DType.DTYPE_INT64, longs.array(), 2, 1))
                .build();
        Record record = ProtoRecords.toRecord(batch, "w0");
        assertEquals(Mode.EVAL, record.mode());
        assertEquals(9, record.step());
        assertEquals("w0", record.worker());
        assertEquals(DType.UINT8, record.tensors().get(0).dtype());
        assertEquals(200, record.tensors().get(0).getLong(0));
        assertEquals(65535, record.tensors().get(1).getLong(0));
        assertEquals(0.75, record.tensors().get(2).getDouble(1), 1e-9);
        assertEquals(2, record.tensors().get(2).rank());
        assertEquals(-1, record.tensors().get(3).getLong(1));
        assertEquals(Mode.GLOBAL, ProtoRecords.toRecord(batch.toBuilder().clearMode().build(), "w0").mode());
    }

    @Test
    void badTensorsAreInvalidArgumentNamingTheTensor() {
        Batch wrongBytes = Batch.newBuilder().setSequence(4)
                .addTensors(tensor("x/labels", dev.skewguard.proto.v1.DType.DTYPE_UINT16, new byte[3], 2)).build();
        StatusException e = assertThrows(StatusException.class, () -> ProtoRecords.toRecord(wrongBytes, "w"));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("batch 4: tensor \"x/labels\""), e.getMessage());

        Batch negative = Batch.newBuilder().setSequence(1)
                .addTensors(tensor("x/labels", dev.skewguard.proto.v1.DType.DTYPE_UINT8, new byte[0], -2)).build();
        assertEquals(Status.Code.INVALID_ARGUMENT,
                assertThrows(StatusException.class, () -> ProtoRecords.toRecord(negative, "w")).getStatus().getCode());

        Batch overflow = Batch.newBuilder().setSequence(1).addTensors(tensor("x/labels",
                dev.skewguard.proto.v1.DType.DTYPE_UINT8, new byte[0], Long.MAX_VALUE, 4)).build();
        assertTrue(assertThrows(StatusException.class, () -> ProtoRecords.toRecord(overflow, "w")).getMessage()
                .contains("overflows"));

        Batch unnamed = Batch.newBuilder().setSequence(1)
                .addTensors(tensor("", dev.skewguard.proto.v1.DType.DTYPE_UINT8, new byte[1], 1)).build();
        assertTrue(assertThrows(StatusException.class, () -> ProtoRecords.toRecord(unnamed, "w")).getMessage()
                .contains("tensor #0 has no name"));

        Batch unknownMode = Batch.newBuilder().setSequence(1).setModeValue(17).build();
        assertTrue(assertThrows(StatusException.class, () -> ProtoRecords.toRecord(unknownMode, "w")).getMessage()
                .contains("unknown mode 17"));
    }

    @Test
    void theMarshallerRefusesOversizedAndMalformedMessagesWithTheirStatus() {
        InboundMarshaller marshaller = new InboundMarshaller(1024);
        AgentMessage ok = AgentMessage.newBuilder().setBatch(TestAgent.batchOf(1, new int[] {1, 2}, new int[] {1, 2}))
                .build();
        assertEquals(ok, marshaller.parse(new ByteArrayInputStream(ok.toByteArray())).message());

        AgentMessage big = AgentMessage.newBuilder().setBatch(TestAgent.batchOf(1, new int[600], new int[600])).build();
        Status tooBig = marshaller.parse(new ByteArrayInputStream(big.toByteArray())).error();
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, tooBig.getCode());
        assertTrue(tooBig.getDescription().contains("maximum of 1024 bytes"), tooBig.toString());

        Status malformed = marshaller.parse(new ByteArrayInputStream(new byte[] {0x12, 0x7F})).error();
        assertEquals(Status.Code.INVALID_ARGUMENT, malformed.getCode());
        assertTrue(malformed.getDescription().startsWith("malformed AgentMessage"), malformed.toString());
    }

    /** A stream that says it knows its length, as gRPC's do, and says {@code claimed}. */
    static final class KnownLengthStream extends ByteArrayInputStream implements io.grpc.KnownLength {
        private final int claimed;

        KnownLengthStream(byte[] bytes, int claimed) {
            super(bytes);
            this.claimed = claimed;
        }

        @Override
        public synchronized int available() {
            return Math.min(claimed, count - pos);
        }
    }

    @Test
    void theMarshallerReadsAKnownLengthStreamWholeEvenWhenItsLengthIsWrong() {
        InboundMarshaller marshaller = new InboundMarshaller(1024);
        AgentMessage ok = AgentMessage.newBuilder().setBatch(TestAgent.batchOf(1, new int[] {1, 2}, new int[] {1, 2}))
                .build();
        byte[] bytes = ok.toByteArray();
        assertEquals(ok, marshaller.parse(new KnownLengthStream(bytes, bytes.length)).message());
        assertEquals(ok, marshaller.parse(new KnownLengthStream(bytes, bytes.length - 3)).message(),
                "claims 3 bytes too few: the rest is read too");
        assertEquals(ok, marshaller.parse(new KnownLengthStream(bytes, 0)).message());

        AgentMessage big = AgentMessage.newBuilder().setBatch(TestAgent.batchOf(1, new int[600], new int[600])).build();
        byte[] bigBytes = big.toByteArray();
        assertEquals(Status.Code.RESOURCE_EXHAUSTED,
                marshaller.parse(new KnownLengthStream(bigBytes, bigBytes.length)).error().getCode(),
                "refused from its stated length, before reading it");
    }
}
