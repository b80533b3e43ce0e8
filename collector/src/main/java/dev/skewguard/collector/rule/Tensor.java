package dev.skewguard.collector.rule;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named, dense, row-major tensor whose elements are packed little-endian in a byte buffer.
 *
 * <p>The collector wraps the bytes of a protocol message without copying them; the offline evaluator builds
 * tensors from JSON numbers with {@link #ofDoubles}. Construction checks that the bytes match shape and dtype.
 */
public final class Tensor {
    private final String name;
    private final long[] shape;
    private final DType dtype;
    private final ByteBuffer data;
    private final int size;

    private Tensor(String name, long[] shape, DType dtype, ByteBuffer data, int size) {
        this.name = name;
        this.shape = shape;
        this.dtype = dtype;
        this.data = data;
        this.size = size;
    }

    /**
     * A tensor over {@code data}'s remaining bytes, which must hold exactly the product of {@code shape}
     * elements of {@code dtype}.
     *
     * @throws IllegalArgumentException naming the tensor when shape, dtype and byte count disagree
     */
    public static Tensor of(String name, long[] shape, DType dtype, ByteBuffer data) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException(
                        "tensor \"" + name + "\": negative dimension in shape " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, dim);
        }
        long expectedBytes = count * dtype.bytes();
        if (expectedBytes != data.remaining()) {
            throw new IllegalArgumentException("tensor \"" + name + "\": shape " + Arrays.toString(shape) + " of "
                    + dtype + " needs " + expectedBytes + " bytes, got " + data.remaining());
        }
        ByteBuffer view = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        return new Tensor(name, shape.clone(), dtype, view, (int) count);
    }

    /** A FLOAT64 tensor holding {@code values}, which must have as many elements as {@code shape} says. */
    public static Tensor ofDoubles(String name, long[] shape, double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        return of(name, shape, DType.FLOAT64, buffer);
    }

    public String name() {
        return name;
    }

    /** The dimensions, outermost first (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int axis) {
        return shape[axis];
    }

    public DType dtype() {
        return dtype;
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** Element {@code index} in row-major order, as a double (exact for every integer type but large INT64). */
    public double getDouble(int index) {
        int offset = index * dtype.bytes();
        switch (dtype) {
            case UINT8: return data.get(offset) & 0xFF;
            case UINT16: return data.getShort(offset) & 0xFFFF;
            case INT32: return data.getInt(offset);
            case INT64: return data.getLong(offset);
            case FLOAT32: return data.getFloat(offset);
            case FLOAT64: return data.getDouble(offset);
            default: throw new AssertionError(dtype);
        }
    }

    /** Element {@code index} of an integral tensor, exactly. Only for {@link DType#integral()} types. */
    public long getLong(int index) {
        int offset = index * dtype.bytes();
        switch (dtype) {
            case UINT8: return data.get(offset) & 0xFF;
            case UINT16: return data.getShort(offset) & 0xFFFF;
            case INT32: return data.getInt(offset);
            case INT64: return data.getLong(offset);
            default: throw new IllegalStateException("tensor \"" + name + "\" is " + dtype + ", not integral");
        }
    }

    /** The raw little-endian bytes, read-only, positioned at 0. */
    public ByteBuffer data() {
        return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The internal little-endian view (no copy), for the rule's counting loops. Callers must not change it. */
    ByteBuffer buffer() {
        return data;
    }

    @Override
    public String toString() {
        return "Tensor[" + name + " " + dtype + Arrays.toString(shape) + "]";
    }
}
