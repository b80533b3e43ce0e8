package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.capture.CapturedBatch;
import dev.skewguard.agent.capture.RowArgmax;
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
    void packNarrowestPacksAsTheNarrowestTypeInOnePassOrTwo() {
        for (int[] ids : new int[][] {{0, 255, 7}, {0, 256}, {65_535, 1}, {65_536}, {-1, 3}, {}}) {
            DType type = ClassIdEncoding.narrowestType(ids);
            ClassIdEncoding.Packed packed = ClassIdEncoding.packNarrowest(ids);
            assertEquals(type, packed.type(), java.util.Arrays.toString(ids));
            assertArrayEquals(ClassIdEncoding.pack(ids, type), packed.data(), java.util.Arrays.toString(ids));
        }
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
        assertArrayEquals(new int[] {1, 0, 1}, RowArgmax.of(scores, 3));
    }

    @Test
    void encodesNamedTensorsWithSequenceModeAndDrops() throws Exception {
        BatchEncoder indices = new BatchEncoder(false);
        CapturedBatch scores = CapturedBatch.ofScores("methods", CaptureMode.EVAL, 9, new int[] {2, 300},
                new float[] {0f, 1f, 0f, 0f, 0f, 1f}, 3);
        Batch b = parse(indices.encode(scores, 5, 4));
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

        Batch s = parse(new BatchEncoder(true).encode(scores, 1, 0));
        Tensor raw = s.getTensors(1);
        assertEquals(List.of(2L, 3L), raw.getShapeList());
        assertEquals(DType.DTYPE_FLOAT32, raw.getDtype());
        assertEquals(24, raw.getData().size());
    }

    @Test
    void batchesWithTheProgramsOwnTensorNamesKeepThem() throws Exception {
        CapturedBatch named = CapturedBatch.ofScores("tensorflow", CaptureMode.TRAIN, 3, new int[] {1, 0},
                new float[] {0f, 1f, 1f, 0f}, 2).named("labels:0", "predictions:0");
        Batch b = parse(new BatchEncoder(false).encode(named, 1, 0));
        assertEquals(2, b.getTensorsCount());
        assertEquals("labels:0", b.getTensors(0).getName());
        assertEquals("predictions:0", b.getTensors(1).getName());
        assertEquals("tensorflow", b.getFramework(), "the framework, which the program's own names do not say");
        assertArrayEquals(new byte[] {1, 0}, b.getTensors(1).getData().toByteArray());

        // One tensor that matched both of the collector's regexes is sent once.
        CapturedBatch both = CapturedBatch.ofClasses("tensorflow", CaptureMode.EVAL, 3, new int[] {1, 0},
                new int[] {1, 0}).named("y:0", null);
        Batch one = parse(new BatchEncoder(false).encode(both, 2, 0));
        assertEquals(1, one.getTensorsCount());
        assertEquals("y:0", one.getTensors(0).getName());
    }

    /**
     * The encoder writes protocol fields by hand: its bytes must be exactly those of the same message built with the
     * generated builders (field order, zero values left out, packed shapes), for every kind of batch it meets.
     */
    @Test
    void bytesAreThoseOfTheSameMessageBuiltWithTheGeneratedCode() throws Exception {
        int[] wide = new int[70_000];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = i * 31 % 100_000;
        }
        List<CapturedBatch> cases = List.of(
                CapturedBatch.ofClasses("djl", CaptureMode.TRAIN, 0, new int[] {0, 1, 2}, new int[] {0, 2, 2}),
                CapturedBatch.ofClasses("djl", CaptureMode.EVAL, 1L << 40, new int[] {-1, 5}, new int[] {7, 65_535}),
                CapturedBatch.ofClasses("methods", CaptureMode.PREDICT, -3, wide, wide),
                CapturedBatch.ofClasses("xgboost", CaptureMode.TRAIN, 2, new int[0], new int[0]),
                CapturedBatch.ofScores("dl4j", CaptureMode.TRAIN, 7, new int[] {1, 0},
                        new float[] {0.2f, 0.8f, Float.NaN, -1f}, 2),
                CapturedBatch.ofClasses("xgboost", CaptureMode.TRAIN, 4, new int[] {3, 1}, new int[] {3, 0})
                        .inTask("stage 2 partition 1 \u00e9"));
        for (boolean sendScores : new boolean[] {false, true}) {
            BatchEncoder encoder = new BatchEncoder(sendScores);
            for (CapturedBatch c : cases) {
                for (long[] numbers : new long[][] {{1, 0}, {0, 0}, {300, 2}, {Long.MAX_VALUE, 1L << 35}}) {
                    byte[] bytes = encoder.encode(c, numbers[0], numbers[1]);
                    Batch expected = builtWithGeneratedCode(c, sendScores, numbers[0], numbers[1]);
                    assertEquals(expected, parse(bytes), c.framework() + " " + c.mode());
                    assertArrayEquals(expected.toByteArray(), bytes, c.framework() + " " + c.mode());
                }
            }
        }
    }

    private static Batch builtWithGeneratedCode(CapturedBatch c, boolean sendScores, long sequence, long dropped) {
        String prefix = c.framework() + "/" + c.mode().wireName() + "/";
        Batch.Builder b = Batch.newBuilder().setSequence(sequence).setStep(c.step())
                .setMode(BatchEncoder.mode(c.mode())).setDroppedSincePrevious(dropped).setFramework(c.framework());
        if (c.task() != null) {
            b.setTask(c.task());
        }
        b.addTensors(ids(prefix + "labels", c.labels()));
        if (c.predictedClasses() != null) {
            b.addTensors(ids(prefix + "predictions", c.predictedClasses()));
        } else if (sendScores) {
            b.addTensors(Tensor.newBuilder().setName(prefix + "predictions").addShape(c.labels().length)
                    .addShape(c.numClasses()).setDtype(DType.DTYPE_FLOAT32)
                    .setData(ByteString.copyFrom(ClassIdEncoding.packFloats(c.scores()))));
        } else {
            b.addTensors(ids(prefix + "predictions", RowArgmax.of(c.scores(), c.numClasses())));
        }
        return b.build();
    }

    private static Tensor ids(String name, int[] ids) {
        DType type = ClassIdEncoding.narrowestType(ids);
        return Tensor.newBuilder().setName(name).addShape(ids.length).setDtype(type)
                .setData(ByteString.copyFrom(ClassIdEncoding.pack(ids, type))).build();
    }

    static Batch parse(byte[] bytes) throws Exception {
        return Batch.parseFrom(bytes);
    }
}
