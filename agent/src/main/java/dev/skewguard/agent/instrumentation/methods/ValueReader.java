package dev.skewguard.agent.instrumentation.methods;

import java.util.List;

/**
 * Copies a captured value into the agent's own arrays. Class ids: int[], long[], short[], byte[], float[], double[]
 * (whole numbers) and java.util.List of numbers. Score matrices: float[][] and double[][] (rows of equal length).
 * Anything else, null, or a value that fails while being read throws an exception that names the problem; the
 * advice counts it and the application is not affected.
 */
final class ValueReader {
    private ValueReader() {
    }

    /** A row-major score matrix read from float[][] or double[][]. */
    static final class Scores {
        final float[] values;
        final int rows;
        final int columns;

        Scores(float[] values, int rows, int columns) {
            this.values = values;
            this.rows = rows;
            this.columns = columns;
        }
    }

    static boolean isMatrix(Object value) {
        return value instanceof float[][] || value instanceof double[][];
    }

    /** Class ids, one per row; a score matrix (e.g. one-hot labels) is reduced to its row-wise argmax. */
    static int[] classIds(Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (value instanceof int[]) {
            return ((int[]) value).clone();
        }
        if (value instanceof long[]) {
            long[] a = (long[]) value;
            int[] out = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                if (a[i] < Integer.MIN_VALUE || a[i] > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(what + "[" + i + "] = " + a[i] + " is not an int class id");
                }
                out[i] = (int) a[i];
            }
            return out;
        }
        if (value instanceof short[]) {
            short[] a = (short[]) value;
            int[] out = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        if (value instanceof byte[]) {
            byte[] a = (byte[]) value;
            int[] out = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] & 0xFF;
            }
            return out;
        }
        if (value instanceof float[]) {
            float[] a = (float[]) value;
            int[] out = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = wholeNumber(a[i], what, i);
            }
            return out;
        }
        if (value instanceof double[]) {
            double[] a = (double[]) value;
            int[] out = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = wholeNumber(a[i], what, i);
            }
            return out;
        }
        if (isMatrix(value)) {
            Scores s = scores(value, what);
            return argmax(s);
        }
        if (value instanceof List) {
            return fromList((List<?>) value, what);
        }
        throw new IllegalArgumentException(what + " has unsupported type " + value.getClass().getName()
                + " (supported: int[], long[], float[], double[], float[][], double[][], List of numbers)");
    }

    /** A float[][] or double[][] copied into one row-major float array. */
    static Scores scores(Object value, String what) {
        if (value instanceof float[][]) {
            float[][] m = (float[][]) value;
            int rows = m.length;
            int cols = rows == 0 ? 0 : rowLength(m[0], what, 0);
            float[] out = new float[rows * cols];
            for (int r = 0; r < rows; r++) {
                float[] row = m[r];
                if (rowLength(row, what, r) != cols) {
                    throw new IllegalArgumentException(what + " rows differ in length: row 0 has " + cols
                            + ", row " + r + " has " + row.length);
                }
                System.arraycopy(row, 0, out, r * cols, cols);
            }
            return new Scores(out, rows, cols);
        }
        double[][] m = (double[][]) value;
        int rows = m.length;
        int cols = rows == 0 ? 0 : rowLength(m[0], what, 0);
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            double[] row = m[r];
            if (rowLength(row, what, r) != cols) {
                throw new IllegalArgumentException(what + " rows differ in length: row 0 has " + cols
                        + ", row " + r + " has " + row.length);
            }
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (float) row[c];
            }
        }
        return new Scores(out, rows, cols);
    }

    static int[] argmax(Scores s) {
        int[] out = new int[s.rows];
        for (int r = 0; r < s.rows; r++) {
            int best = 0;
            for (int c = 1; c < s.columns; c++) {
                if (s.values[r * s.columns + c] > s.values[r * s.columns + best]) {
                    best = c;
                }
            }
            out[r] = best;
        }
        return out;
    }

    private static int rowLength(Object row, String what, int r) {
        if (row == null) {
            throw new IllegalArgumentException(what + " row " + r + " is null");
        }
        return row instanceof float[] ? ((float[]) row).length : ((double[]) row).length;
    }

    private static int[] fromList(List<?> list, String what) {
        Object[] items = list.toArray();
        int[] out = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            Object item = items[i];
            if (!(item instanceof Number)) {
                throw new IllegalArgumentException(what + " item " + i + " is "
                        + (item == null ? "null" : "a " + item.getClass().getName()) + ", not a number");
            }
            Number n = (Number) item;
            if (n instanceof Float || n instanceof Double) {
                out[i] = wholeNumber(n.doubleValue(), what, i);
            } else {
                long v = n.longValue();
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(what + " item " + i + " = " + v + " is not an int class id");
                }
                out[i] = (int) v;
            }
        }
        return out;
    }

    private static int wholeNumber(double v, String what, int i) {
        if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + "[" + i + "] = " + v + " is not a whole class id");
        }
        return (int) v;
    }
}
