package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.Batch;
import dev.skewguard.proto.v1.Batches;
import dev.skewguard.proto.v1.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchGroupingTest {
    static EncodedBatch batch(long sequence, int dataBytes) {
        return new EncodedBatch(sequence, Batch.newBuilder().setSequence(sequence)
                .addTensors(Tensor.newBuilder().setName("t/labels").addShape(dataBytes)
                        .setData(ByteString.copyFrom(new byte[dataBytes])))
                .build().toByteArray());
    }

    static List<EncodedBatch> batches(int n, int dataBytes) {
        List<EncodedBatch> held = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            held.add(batch(i, dataBytes));
        }
        return held;
    }

    @Test
    void smallBatchesGoTogetherUpToTheCountLimit() {
        int limit = BatchGrouping.MAX_BATCHES_PER_MESSAGE;
        List<EncodedBatch> held = batches(2 * limit + 100, 100);
        assertEquals(limit, BatchGrouping.groupEnd(held, 0));
        assertEquals(2 * limit, BatchGrouping.groupEnd(held, limit));
        assertEquals(2 * limit + 100, BatchGrouping.groupEnd(held, 2 * limit), "the rest, fewer than the limit");
    }

    @Test
    void aGroupStaysUnderTheByteLimitAndALargeBatchGoesAlone() throws Exception {
        List<EncodedBatch> held = batches(10, 100 * 1024);
        int end = BatchGrouping.groupEnd(held, 0);
        assertEquals(2, end, "two of 100 KiB fit in 256 KiB, three do not");
        byte[] message = BatchGrouping.message(held.subList(0, end));
        assertEquals(true, message.length <= BatchGrouping.MAX_MESSAGE_BYTES, message.length + " bytes");

        List<EncodedBatch> large = List.of(batch(1, 300 * 1024), batch(2, 10));
        assertEquals(1, BatchGrouping.groupEnd(large, 0), "larger than the limit: alone");
    }

    @Test
    void oneBatchIsABatchMessageSeveralAreOneBatchesMessageInOrder() throws Exception {
        List<EncodedBatch> held = batches(3, 10);
        AgentMessage one = AgentMessage.parseFrom(BatchGrouping.message(held.subList(1, 2)));
        assertEquals(AgentMessage.KindCase.BATCH, one.getKindCase());
        assertArrayEquals(held.get(1).bytes(), one.getBatch().toByteArray());
        AgentMessage several = AgentMessage.parseFrom(BatchGrouping.message(held));
        assertEquals(AgentMessage.KindCase.BATCHES, several.getKindCase());
        assertEquals(List.of(1L, 2L, 3L), several.getBatches().getBatchesList().stream()
                .map(Batch::getSequence).toList());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(held.get(i).bytes(), several.getBatches().getBatches(i).toByteArray());
        }
    }

    @Test
    void aFullGroupOfLargeBatchesIsFramedByteForByteAsTheGeneratedCodeWouldFrameIt() throws Exception {
        List<EncodedBatch> held = batches(300, 1000);
        int end = BatchGrouping.groupEnd(held, 0);
        Batches.Builder expected = Batches.newBuilder();
        for (EncodedBatch b : held.subList(0, end)) {
            expected.addBatches(Batch.parseFrom(b.bytes()));
        }
        assertArrayEquals(AgentMessage.newBuilder().setBatches(expected).build().toByteArray(),
                BatchGrouping.message(held.subList(0, end)));
    }
}
