package dev.skewguard.examples.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import dev.skewguard.examples.common.BatchDelayOptions;

/**
 * The example's own listener: counts the true labels of every training and validation batch EasyTrain completed.
 * A listener hears of a training batch before its {@code Trainer#step} runs, so a batch is counted when the next
 * notification (the next batch, or the end of the epoch or of training) shows that it completed; a batch whose
 * processing threw (for example a stop from skewguard's agent) is not counted.
 */
final class CountingListener extends TrainingListenerAdapter {
    private final LabelCounts train;
    private final LabelCounts eval;
    private final BatchDelayOptions delay;
    private LabelCounts pendingCounts;
    private int[] pendingLabels;

    CountingListener(LabelCounts train, LabelCounts eval, BatchDelayOptions delay) {
        this.train = train;
        this.eval = eval;
        this.delay = delay;
    }

    /** Also pauses {@code --batch-delay-ms}, on the training thread. */
    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        completePending();
        pending(train, batchData);
        delay.pause();
    }

    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {
        completePending();
        pending(eval, batchData);
    }

    @Override
    public void onEpoch(Trainer trainer) {
        completePending();
        super.onEpoch(trainer);
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
        completePending();
        super.onTrainingEnd(trainer);
    }

    private void pending(LabelCounts counts, BatchData batchData) {
        pendingCounts = counts;
        pendingLabels = classIds(batchData.getBatch().getLabels());
    }

    private void completePending() {
        if (pendingLabels != null) {
            pendingCounts.addBatch(pendingLabels);
            pendingLabels = null;
        }
    }

    static int[] classIds(NDList labels) {
        try (NDArray ids = labels.head().toType(DataType.INT32, true)) {
            return ids.toIntArray();
        }
    }
}
