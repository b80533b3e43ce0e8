package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.capture.CapturedBatch;
import dev.skewguard.proto.v1.Batch;
import dev.skewguard.proto.v1.DType;
import dev.skewguard.proto.v1.Mode;
import dev.skewguard.proto.v1.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassIdEncodingTest {

    @Test
    void picksTheNarrowestType() {
        assertEquals(DType.DTYPE_UINT8, ClassIdEncoding.narrowestType(new int[] {0, 255}));
        assertEquals(DType.DTYPE_UINT16, ClassIdEncoding.narrowestType(new int[] {0, 256}));
        assertEquals(DType.DTYPE_UINT16, ClassIdEncoding.narrowestType(new int[] {65535}));
        assertEquals(DType.DTYPE_INT32, ClassIdEncoding.narrowestType(new int[] {65536}));
        assertEquals(DType.DTYPE_INT32, ClassIdEncoding.narrowestType(new int[] {-1, 3}));
        assertEquals(DType.DTYPE_UINT8, ClassIdEncoding.narrowestType(new int[0]));
    }

    @Test
    void packsLittleEndian() {
        assertArrayEquals(new byte[] {0, (byte) 255}, ClassIdEncoding.pack(new int[] {0, 255}, DType.DTYPE_UINT8));
        assertArrayEquals(new byte[] {0x01, 0x02, (byte) 0xFF, (byte) 0xFF},
                ClassIdEncoding.pack(new int[] {0x0201, 65535}, DType.DTYPE_UINT16));
        assertArrayEquals(new byte[] {0x04, 0x03, 0x02, 0x01},
                ClassIdEncoding.pack(new int[] {0x01020304}, DType.DTYPE_INT32));
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF}, ClassIdEncoding.pack(new int[] {-1}, DType.DTYPE_INT64));
        float[] f = {1.5f, -2f};
        ByteBuffer b = ByteBuffer.wrap(ClassIdEncoding.packFloats(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1.5f, b.getFloat());
        assertEquals(-2f, b.getFloat());
    }

    @Test
    void argmaxTakesTheFirstMaximumAndIgnoresNaN() {
        float[] scores = {0.1f, 0.7f, 0.2f, 0.5f, 0.5f, 0f, Float.NaN, 0.2f, 0.1f};
        assertArrayEquals(new int[] {1, 0, 1}, ClassIdEncoding.argmax(scores, 3));
    }

    @Test
    void encodesNamedTensorsWithSequenceModeAndDrops() {
        BatchEncoder indices = new BatchEncoder(false);
        CapturedBatch scores = CapturedBatch.ofScores("methods", CaptureMode.EVAL, 9, new int[] {2, 300},
                new float[] {0f, 1f, 0f, 0f, 0f, 1f}, 3);
        Batch b = indices.encode(scores, 5, 4);
        assertEquals(5, b.getSequence());
        assertEquals(9, b.getStep());
        assertEquals(Mode.MODE_EVAL, b.getMode());
        assertEquals(4, b.getDroppedSincePrevious());
        Tensor labels = b.getTensors(0);
        assertEquals("methods/eval/labels", labels.getName());
        assertEquals(List.of(2L), labels.getShapeList());
        assertEquals(DType.DTYPE_UINT16, labels.getDtype());
        Tensor predictions = b.getTensors(1);
        assertEquals("methods/eval/predictions", predictions.getName());
        assertEquals(DType.DTYPE_UINT8, predictions.getDtype());
        assertArrayEquals(new byte[] {1, 2}, predictions.getData().toByteArray());

        Batch s = new BatchEncoder(true).encode(scores, 1, 0);
        Tensor raw = s.getTensors(1);
        assertEquals(List.of(2L, 3L), raw.getShapeList());
        assertEquals(DType.DTYPE_FLOAT32, raw.getDtype());
        assertEquals(24, raw.getData().size());
    }
}
