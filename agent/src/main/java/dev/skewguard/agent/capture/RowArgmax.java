package dev.skewguard.agent.capture;

/** Row-wise argmax of a row-major N x C matrix of floats: score vectors, or one-hot labels. */
public final class RowArgmax {
    private RowArgmax() {
    }

    /** The index of each row's largest value; the first maximum wins; NaN never wins. */
    public static int[] of(float[] values, int columns) {
        int rows = values.length / columns;
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int base = r * columns;
            int best = 0;
            float bestValue = Float.NEGATIVE_INFINITY;
            boolean any = false;
            for (int c = 0; c < columns; c++) {
                float v = values[base + c];
                if (!any && !Float.isNaN(v) || v > bestValue) {
                    best = c;
                    bestValue = v;
                    any = true;
                }
            }
            out[r] = best;
        }
        return out;
    }
}
