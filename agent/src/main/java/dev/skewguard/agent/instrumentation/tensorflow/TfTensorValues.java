package dev.skewguard.agent.instrumentation.tensorflow;

import dev.skewguard.agent.ConsoleText;
import dev.skewguard.agent.capture.RowArgmax;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads one tensor the advice copied (its raw bytes, TensorFlow's dtype number and its shape; plain Java, no
 * TensorFlow type) as class ids or score rows. Class ids: [N] or [N, 1] in any integer, boolean or float type (floats
 * must be whole numbers >= 0); vectors [N, C] with C > 1 (one-hot labels, scores) as rows of floats.
 */
final class TfTensorValues {
    // org.tensorflow.proto.DataType numbers (TensorFlow's types.proto)
    static final int DT_FLOAT = 1;
    static final int DT_DOUBLE = 2;
    static final int DT_INT32 = 3;
    static final int DT_UINT8 = 4;
    static final int DT_INT16 = 5;
    static final int DT_INT8 = 6;
    static final int DT_INT64 = 9;
    static final int DT_BOOL = 10;
    static final int DT_UINT16 = 17;
    static final int DT_UINT32 = 22;
    static final int DT_UINT64 = 23;

    private final String name;
    private final int dtype;
    private final long[] shape;
    private final ByteBuffer data;
    private final int size;

    TfTensorValues(String name, int dtype, long[] shape, byte[] bytes) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape;
        this.size = elementSize(dtype);
        if (size == 0) {
            throw new IllegalArgumentException("tensorflow: tensor " + ConsoleText.escape(name) + " has dtype number "
                    + dtype + ", not a number type (class ids or scores)");
        }
        if (shape.length == 0 || shape.length > 2) {
            throw new IllegalArgumentException("tensorflow: tensor " + ConsoleText.escape(name) + " has rank "
                    + shape.length + "; class ids are [N] or [N, 1], vectors [N, C]");
        }
        long count = shape.length == 1 ? shape[0] : shape[0] * shape[1];
        if (count * size != bytes.length) {
            throw new IllegalArgumentException("tensorflow: tensor " + ConsoleText.escape(name) + " has " + bytes.length
                    + " bytes for " + count + " elements");
        }
        this.data = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    /** Whether the tensor is vectors [N, C] with C > 1 (one-hot labels or scores) rather than class ids. */
    boolean isVectors() {
        return shape.length == 2 && shape[1] > 1;
    }

    int rows() {
        return (int) shape[0];
    }

    int columns() {
        return shape.length == 2 ? (int) shape[1] : 1;
    }

    /** Class ids: the values of [N] / [N, 1], or each row's argmax for [N, C] (ties: the lowest index). */
    int[] classIds() {
        if (isVectors()) {
            return RowArgmax.of(floats(), columns());
        }
        int n = rows();
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            double v = value(i);
            if (!(v >= 0) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensorflow: tensor " + ConsoleText.escape(name) + " holds " + v
                        + " at row " + i + ": class ids are whole numbers >= 0 (probabilities need [N, C])");
            }
            ids[i] = (int) v;
        }
        return ids;
    }

    /** All elements as floats, row-major. */
    float[] floats() {
        int count = rows() * columns();
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) value(i);
        }
        return out;
    }

    private double value(int index) {
        int at = index * size;
        switch (dtype) {
            case DT_FLOAT:
                return data.getFloat(at);
            case DT_DOUBLE:
                return data.getDouble(at);
            case DT_INT32:
                return data.getInt(at);
            case DT_UINT8:
            case DT_BOOL:
                return data.get(at) & 0xFF;
            case DT_INT16:
                return data.getShort(at);
            case DT_INT8:
                return data.get(at);
            case DT_INT64:
                return data.getLong(at);
            case DT_UINT16:
                return data.getShort(at) & 0xFFFF;
            case DT_UINT32:
                return data.getInt(at) & 0xFFFFFFFFL;
            case DT_UINT64:
                long v = data.getLong(at);
                return v >= 0 ? v : -1; // above 2^63: not a class id
            default:
                throw new IllegalStateException("unreachable");
        }
    }

    /** Bytes per element of a dtype read here, 0 for any other. */
    static int elementSize(int dtype) {
        switch (dtype) {
            case DT_UINT8:
            case DT_INT8:
            case DT_BOOL:
                return 1;
            case DT_INT16:
            case DT_UINT16:
                return 2;
            case DT_FLOAT:
            case DT_INT32:
            case DT_UINT32:
                return 4;
            case DT_DOUBLE:
            case DT_INT64:
            case DT_UINT64:
                return 8;
            default:
                return 0;
        }
    }
}
