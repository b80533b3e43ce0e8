package dev.skewguard.examples.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;

/** The example's own listener: counts the true labels of every training and validation batch EasyTrain ran. */
final class CountingListener extends TrainingListenerAdapter {
    private final LabelCounts train;
    private final LabelCounts eval;

    CountingListener(LabelCounts train, LabelCounts eval) {
        this.train = train;
        this.eval = eval;
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        train.addBatch(classIds(batchData.getBatch().getLabels()));
    }

    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {
        eval.addBatch(classIds(batchData.getBatch().getLabels()));
    }

    static int[] classIds(NDList labels) {
        try (NDArray ids = labels.head().toType(DataType.INT32, true)) {
            return ids.toIntArray();
        }
    }
}
