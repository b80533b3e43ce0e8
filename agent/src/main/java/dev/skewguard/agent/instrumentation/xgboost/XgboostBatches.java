package dev.skewguard.agent.instrumentation.xgboost;

import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.capture.CaptureMode;

/**
 * Turns what XGBoost advice read (plain Java arrays, no framework types) into one captured batch. Predictions
 * {@code float[n][C]} (multi:softprob) become their argmax or score rows; {@code float[n][1]} are a probability
 * (binary:logistic: class 1 above 0.5) or a class id (multi:softmax).
 */
public final class XgboostBatches {
    private XgboostBatches() {
    }

    /** The labels as class ids, or null if they are not all whole numbers >= 0 (not a classifier's labels). */
    public static int[] classIds(float[] labels) {
        if (labels == null) {
            return null;
        }
        int[] ids = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            float label = labels[i];
            if (!(label >= 0f) || label != (float) Math.rint(label) || label > Integer.MAX_VALUE) {
                return null;
            }
            ids[i] = (int) label;
        }
        return ids;
    }

    /** Records one matrix's labels (class ids from {@link #classIds}) and the booster's predictions for it. */
    public static void record(CaptureMode mode, long step, int[] labels, float[][] predictions) {
        Rows rows = rows(labels, predictions, Capture.wantsScores());
        if (rows.scores() != null) {
            Capture.recordScores(XgboostInstrumentation.NAME, mode, step, labels, rows.scores(), rows.numClasses());
        } else {
            Capture.record(XgboostInstrumentation.NAME, mode, step, labels, rows.predicted());
        }
    }

    /** Predicted class ids, or (scores wanted, predictions are probabilities) score rows over numClasses. */
    record Rows(int[] predicted, float[] scores, int numClasses) {
    }

    static Rows rows(int[] labels, float[][] predictions, boolean wantScores) {
        if (predictions.length != labels.length) {
            throw new IllegalArgumentException("xgboost: " + predictions.length + " prediction rows for "
                    + labels.length + " labels");
        }
        int n = labels.length;
        int columns = n == 0 ? 1 : predictions[0].length;
        if (columns > 1) {
            if (wantScores) {
                float[] scores = new float[n * columns];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(predictions[i], 0, scores, i * columns, columns);
                }
                return new Rows(null, scores, columns);
            }
            int[] predicted = new int[n];
            for (int i = 0; i < n; i++) {
                predicted[i] = argmax(predictions[i]);
            }
            return new Rows(predicted, null, columns);
        }
        boolean probabilities = true;
        for (int i = 0; i < n && probabilities; i++) {
            float p = predictions[i][0];
            probabilities = p >= 0f && p <= 1f;
        }
        if (probabilities && wantScores) {
            float[] scores = new float[n * 2];
            for (int i = 0; i < n; i++) {
                scores[2 * i] = 1f - predictions[i][0];
                scores[2 * i + 1] = predictions[i][0];
            }
            return new Rows(null, scores, 2);
        }
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            float p = predictions[i][0];
            predicted[i] = probabilities ? (p > 0.5f ? 1 : 0) : Math.max(0, Math.round(p));
        }
        return new Rows(predicted, null, 2);
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }
}
