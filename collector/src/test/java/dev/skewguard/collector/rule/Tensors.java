package dev.skewguard.collector.rule;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/** Test helpers: tensors of every dtype, and records. */
final class Tensors {
    private Tensors() {
    }

    static Tensor uint8(String name, int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length);
        for (int v : values) {
            b.put((byte) v);
        }
        return Tensor.of(name, new long[] {values.length}, DType.UINT8, b.flip());
    }

    static Tensor uint16(String name, int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return Tensor.of(name, new long[] {values.length}, DType.UINT16, b.flip());
    }

    static Tensor int32(String name, long[] shape, int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return Tensor.of(name, shape, DType.INT32, b.flip());
    }

    static Tensor int32(String name, int... values) {
        return int32(name, new long[] {values.length}, values);
    }

    static Tensor int64(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return Tensor.of(name, new long[] {values.length}, DType.INT64, b.flip());
    }

    static Tensor float32(String name, long[] shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return Tensor.of(name, shape, DType.FLOAT32, b.flip());
    }

    static Tensor float64(String name, long[] shape, double... values) {
        return Tensor.ofDoubles(name, shape, values);
    }

    static long[] shape(long... dims) {
        return dims;
    }

    /** {@code n} copies of {@code value}. */
    static int[] repeat(int value, int n) {
        int[] out = new int[n];
        Arrays.fill(out, value);
        return out;
    }

    static int[] concat(int[]... parts) {
        int length = 0;
        for (int[] p : parts) {
            length += p.length;
        }
        int[] out = new int[length];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static Record record(long step, Mode mode, String worker, Tensor... tensors) {
        return new Record(step, mode, worker, List.of(tensors));
    }

    static Record record(long step, Tensor... tensors) {
        return record(step, Mode.GLOBAL, "", tensors);
    }
}
