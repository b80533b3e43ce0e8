package dev.skewguard.collector.rule;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A tensor read as one class id per row: shape [N] or [N,1] holds the ids themselves; shape [N,C] with C > 1 is
 * turned into ids by argmax over the last axis (ties: the lowest index, as numpy). {@link #validate} checks every
 * value once, so that {@link #id} can then read without checks.
 */
final class ClassIds {
    /** Largest double below 2^63: class ids written as floats must be below 2^63. */
    private static final double MAX_FLOAT_ID = 9.223372036854775E18;

    final Tensor tensor;
    final int rows;
    /** 0 for ids; C > 1 for argmax over C columns. */
    final int columns;
    private final DType dtype;
    private final ByteBuffer data;
    private final FloatScratch scratch;

    private ClassIds(Tensor tensor, int rows, int columns, FloatScratch scratch) {
        this.tensor = tensor;
        this.rows = rows;
        this.columns = columns;
        this.dtype = tensor.dtype();
        this.data = tensor.buffer();
        this.scratch = scratch;
    }

    /** A reusable float array, owned by one rule: FLOAT32 vectors are bulk-copied into it and scanned there. */
    static final class FloatScratch {
        private float[] values = new float[0];

        /** {@code t}'s FLOAT32 elements, in an array that is valid until the next call. */
        float[] copy(ByteBuffer data, int count) {
            if (values.length < count) {
                values = new float[count];
            }
            data.asFloatBuffer().get(0, values, 0, count);
            return values;
        }
    }

    /** Class ids held directly: [N] or [N,1]. */
    static boolean isIdShape(Tensor t) {
        return t.rank() == 1 || (t.rank() == 2 && t.dim(1) == 1);
    }

    /** The ids a tensor of shape [N] or [N,1] holds. */
    static ClassIds direct(Tensor t) {
        return new ClassIds(t, (int) t.dim(0), 0, null);
    }

    /** The argmax over the last axis of a tensor of shape [N,C], C > 1; FLOAT32 values are read via scratch. */
    static ClassIds argmax(Tensor t, FloatScratch scratch) {
        return new ClassIds(t, (int) t.dim(0), (int) t.dim(1), scratch);
    }

    /** A message saying why the shape cannot hold class ids or vectors, or null. */
    static String shapeError(Tensor t) {
        if (t.rank() == 1 || (t.rank() == 2 && t.dim(1) >= 1)) {
            return null;
        }
        return "tensor \"" + t.name() + "\" has shape " + Arrays.toString(t.shape())
                + ": expected [N] or [N,1] class ids, or [N,C] vectors";
    }

    boolean isUint8Ids() {
        return columns == 0 && dtype == DType.UINT8;
    }

    ByteBuffer data() {
        return data;
    }

    /**
     * Checks every value; returns a message naming the tensor, the index and the value, or null when all are valid.
     *
     * @param limit class ids must be below this (num_classes), or 0 for no limit
     */
    String validate(int limit) {
        if (columns == 0) {
            return validateIds(limit);
        }
        if (dtype == DType.FLOAT32) {
            int n = rows * columns;
            float[] values = scratch.copy(data, n);
            boolean nan = false;
            for (int i = 0; i < n; i++) {
                float v = values[i];
                nan |= v != v;
            }
            if (!nan) {
                return limit > 0 && columns > limit ? validateArgmaxLimit(limit) : null;
            }
        }
        if (!dtype.integral()) {
            for (int i = 0, n = rows * columns; i < n; i++) {
                double v = tensor.getDouble(i);
                if (Double.isNaN(v)) {
                    return "tensor \"" + tensor.name() + "\": NaN at row " + (i / columns) + ", column "
                            + (i % columns);
                }
            }
        }
        return limit > 0 && columns > limit ? validateArgmaxLimit(limit) : null;
    }

    private String validateArgmaxLimit(int limit) {
        for (int r = 0; r < rows; r++) {
            long id = id(r);
            if (id >= limit) {
                return "tensor \"" + tensor.name() + "\": class " + id + " (argmax of row " + r
                        + ") is not below num_classes " + limit;
            }
        }
        return null;
    }

    private String validateIds(int limit) {
        if (limit == 0 && (dtype == DType.UINT8 || dtype == DType.UINT16)) {
            return null;
        }
        switch (dtype) {
            case UINT8:
            case UINT16:
            case INT32:
            case INT64:
                for (int i = 0; i < rows; i++) {
                    long v = tensor.getLong(i);
                    if (v < 0) {
                        return idError(i, Long.toString(v), "is negative");
                    }
                    if (limit > 0 && v >= limit) {
                        return idError(i, Long.toString(v), "is not below num_classes " + limit);
                    }
                }
                return null;
            default:
                for (int i = 0; i < rows; i++) {
                    double v = tensor.getDouble(i);
                    if (Double.isNaN(v)) {
                        return idError(i, "NaN", "is not a number");
                    }
                    if (Double.isInfinite(v)) {
                        return idError(i, Double.toString(v), "is infinite");
                    }
                    if (v < 0) {
                        return idError(i, Double.toString(v), "is negative");
                    }
                    if (v != Math.rint(v)) {
                        return idError(i, Double.toString(v), "is not a whole number");
                    }
                    if (v > MAX_FLOAT_ID) {
                        return idError(i, Double.toString(v), "is too large");
                    }
                    if (limit > 0 && v >= limit) {
                        return idError(i, Double.toString(v), "is not below num_classes " + limit);
                    }
                }
                return null;
        }
    }

    private String idError(int index, String value, String what) {
        return "tensor \"" + tensor.name() + "\": class id " + value + " at index " + index + " " + what;
    }

    /**
     * Writes the class id of every row into {@code out[0..rows-1]}, one typed loop per dtype; only after
     * {@link #validate} returned null.
     */
    void readInto(long[] out) {
        if (columns == 0) {
            switch (dtype) {
                case UINT8:
                    for (int i = 0; i < rows; i++) {
                        out[i] = data.get(i) & 0xFF;
                    }
                    return;
                case UINT16:
                    for (int i = 0; i < rows; i++) {
                        out[i] = data.getShort(i << 1) & 0xFFFF;
                    }
                    return;
                case INT32:
                    for (int i = 0; i < rows; i++) {
                        out[i] = data.getInt(i << 2);
                    }
                    return;
                case INT64:
                    for (int i = 0; i < rows; i++) {
                        out[i] = data.getLong(i << 3);
                    }
                    return;
                case FLOAT32:
                    for (int i = 0; i < rows; i++) {
                        out[i] = (long) data.getFloat(i << 2);
                    }
                    return;
                default:
                    for (int i = 0; i < rows; i++) {
                        out[i] = (long) data.getDouble(i << 3);
                    }
                    return;
            }
        }
        if (dtype == DType.FLOAT32) {
            float[] values = scratch.copy(data, rows * columns);
            for (int r = 0; r < rows; r++) {
                int base = r * columns;
                int best = 0;
                float bestValue = values[base];
                for (int c = 1; c < columns; c++) {
                    float v = values[base + c];
                    boolean greater = v > bestValue; // no NaN here: validate() refused them
                    best = greater ? c : best;
                    bestValue = greater ? v : bestValue;
                }
                out[r] = best;
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            out[r] = id(r);
        }
    }

    /** The class id of row {@code row}; only after {@link #validate} returned null. */
    long id(int row) {
        if (columns == 0) {
            return dtype.integral() ? tensor.getLong(row) : (long) tensor.getDouble(row);
        }
        int base = row * columns;
        int best = 0;
        if (dtype.integral()) {
            long bestValue = tensor.getLong(base);
            for (int c = 1; c < columns; c++) {
                long v = tensor.getLong(base + c);
                if (v > bestValue) {
                    bestValue = v;
                    best = c;
                }
            }
        } else {
            double bestValue = tensor.getDouble(base);
            for (int c = 1; c < columns; c++) {
                double v = tensor.getDouble(base + c);
                if (v > bestValue) {
                    bestValue = v;
                    best = c;
                }
            }
        }
        return best;
    }
}
