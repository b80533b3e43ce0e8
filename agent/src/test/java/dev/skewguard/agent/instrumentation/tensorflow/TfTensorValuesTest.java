package dev.skewguard.agent.instrumentation.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class TfTensorValuesTest {

    private static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.nativeOrder());
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static byte[] longs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.nativeOrder());
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    private static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.nativeOrder());
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void classIdsOfShapeNInInt32AndInt64() {
        TfTensorValues int32 = new TfTensorValues("labels:0", TfTensorValues.DT_INT32, new long[] {3}, ints(2, 0, 1));
        assertFalse(int32.isVectors());
        assertArrayEquals(new int[] {2, 0, 1}, int32.classIds());
        TfTensorValues int64 = new TfTensorValues("labels:0", TfTensorValues.DT_INT64, new long[] {2}, longs(5, 3));
        assertArrayEquals(new int[] {5, 3}, int64.classIds());
    }

    @Test
    void wholeFloatIdsOfShapeNBy1() {
        TfTensorValues v = new TfTensorValues("y:0", TfTensorValues.DT_FLOAT, new long[] {3, 1}, floats(1f, 0f, 3f));
        assertFalse(v.isVectors());
        assertArrayEquals(new int[] {1, 0, 3}, v.classIds());
    }

    @Test
    void oneHotLabelsBecomeTheirArgmax() {
        TfTensorValues v = new TfTensorValues("labels:0", TfTensorValues.DT_FLOAT, new long[] {2, 3},
                floats(0f, 0f, 1f, 1f, 0f, 0f));
        assertTrue(v.isVectors());
        assertArrayEquals(new int[] {2, 0}, v.classIds());
        assertArrayEquals(new float[] {0f, 0f, 1f, 1f, 0f, 0f}, v.floats());
    }

    @Test
    void uint8AndBoolIds() {
        TfTensorValues v = new TfTensorValues("labels:0", TfTensorValues.DT_UINT8, new long[] {2},
                new byte[] {(byte) 200, 1});
        assertArrayEquals(new int[] {200, 1}, v.classIds());
        TfTensorValues b = new TfTensorValues("labels:0", TfTensorValues.DT_BOOL, new long[] {2}, new byte[] {1, 0});
        assertArrayEquals(new int[] {1, 0}, b.classIds());
    }

    @Test
    void probabilitiesOfShapeNBy1AreNotClassIds() {
        TfTensorValues v = new TfTensorValues("predictions:0", TfTensorValues.DT_FLOAT, new long[] {2, 1},
                floats(0.7f, 0.2f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, v::classIds);
        assertTrue(e.getMessage().contains("predictions:0") && e.getMessage().contains("whole numbers"),
                e.getMessage());
    }

    @Test
    void negativeIdsAreRefused() {
        TfTensorValues v = new TfTensorValues("labels:0", TfTensorValues.DT_INT32, new long[] {2}, ints(1, -1));
        assertThrows(IllegalArgumentException.class, v::classIds);
    }

    @Test
    void stringsRankThreeAndShortDataAreRefusedWithTheTensorsName() {
        IllegalArgumentException strings = assertThrows(IllegalArgumentException.class,
                () -> new TfTensorValues("labels:0", 7, new long[] {1}, new byte[8]));
        assertTrue(strings.getMessage().contains("labels:0"), strings.getMessage());
        IllegalArgumentException rank3 = assertThrows(IllegalArgumentException.class,
                () -> new TfTensorValues("x:0", TfTensorValues.DT_FLOAT, new long[] {1, 1, 1}, floats(1f)));
        assertTrue(rank3.getMessage().contains("rank 3"), rank3.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new TfTensorValues("x:0", TfTensorValues.DT_FLOAT, new long[] {3}, floats(1f)));
    }
}
