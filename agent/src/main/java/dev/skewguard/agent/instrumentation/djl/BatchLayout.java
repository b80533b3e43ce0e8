package dev.skewguard.agent.instrumentation.djl;

import java.lang.ref.WeakReference;

/**
 * What a classifier's predictions look like: rows, and scores per row (1 for a one-output binary classifier). Read
 * from the predictions' shape, which on the PyTorch engine is a JNI call on every new array; so the last layout
 * read is remembered with the loss that evaluated it and the element counts the batch's two copies had, and a later
 * batch of the same loss whose copies have the same counts has the same layout: no shape is read for it. A batch
 * whose counts differ (the smaller last batch of an epoch, another model) reads its shape again. Names no DJL type,
 * but is defined beside {@link DjlCapture} by {@link DjlHelpers} (one remembered layout per DJL class loader).
 */
final class BatchLayout {
    private static volatile Remembered last;

    final long rows;
    /** Scores per row: at least 2, or 1 for a one-output binary classifier. */
    final int classes;

    private BatchLayout(long rows, int classes) {
        this.rows = rows;
        this.classes = classes;
    }

    /** The last layout read, with what it was read for. */
    private static final class Remembered {
        final WeakReference<Object> loss;
        final int predictionCount;
        final int labelCount;
        final BatchLayout layout;

        Remembered(Object loss, int predictionCount, int labelCount, BatchLayout layout) {
            this.loss = new WeakReference<>(loss);
            this.predictionCount = predictionCount;
            this.labelCount = labelCount;
            this.layout = layout;
        }
    }

    /**
     * A classifier's predictions: (B, C) scores with C at least 2, or one output per row, (B) or (B, 1); null for any
     * other shape.
     */
    static BatchLayout ofPredictions(long[] shape) {
        if (shape.length == 1) {
            return new BatchLayout(shape[0], 1);
        }
        if (shape.length != 2 || shape[1] < 1 || shape[1] > Integer.MAX_VALUE) {
            return null;
        }
        return new BatchLayout(shape[0], (int) shape[1]);
    }

    boolean oneOutput() {
        return classes == 1;
    }

    /** True if predictions of {@code count} values have this layout's rows and classes. */
    boolean holds(int count) {
        return count == rows * classes;
    }

    /** True if the last batch read for this loss had this layout: reading its copies first is worth it. */
    static boolean knownFor(Object loss) {
        Remembered known = last;
        return loss != null && known != null && known.loss.get() == loss;
    }

    /** The layout of the last batch of this loss whose copies had these counts, or null (then read the shape). */
    static BatchLayout known(Object loss, int predictionCount, int labelCount) {
        Remembered known = last;
        if (loss == null || known == null || known.predictionCount != predictionCount
                || known.labelCount != labelCount || known.loss.get() != loss) {
            return null;
        }
        return known.layout;
    }

    /**
     * Remembers the layout of a batch of this loss, for its next batches with these counts; nothing changes (and
     * nothing is allocated) when it is the layout already remembered for them.
     */
    static void remember(Object loss, int predictionCount, int labelCount, BatchLayout layout) {
        Remembered known = last;
        if (known != null && known.layout == layout) {
            return;
        }
        if (loss != null) {
            last = new Remembered(loss, predictionCount, labelCount, layout);
        }
    }

    /** Forgets the remembered layout (tests). */
    static void forget() {
        last = null;
    }

    @Override
    public String toString() {
        return oneOutput() ? "(" + rows + ") one output" : "(" + rows + ", " + classes + ")";
    }
}
