package dev.skewguard.examples.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;
import java.io.IOException;

/**
 * A training loop written by hand, as many users write one: no EasyTrain, no listener notifications; the loss
 * is computed with {@code Loss#evaluate} and the optimizer moved with {@code Trainer#step}. It evaluates the loss
 * twice per batch: once for the backward pass, and once more after the step for a running loss. A training batch
 * is counted once its step ran; a validation batch once its loss was evaluated.
 */
final class ManualLoop {
    static final String TRAIN_LOSS = "train";
    static final String VALIDATION_LOSS = "validate";

    private ManualLoop() {}

    static void addAccumulators(Trainer trainer) {
        trainer.getLoss().addAccumulator(TRAIN_LOSS);
        trainer.getLoss().addAccumulator(VALIDATION_LOSS);
    }

    static void trainEpoch(Trainer trainer, Dataset trainSet, LabelCounts counts)
            throws IOException, TranslateException {
        for (Batch batch : trainer.iterateDataset(trainSet)) {
            try (batch) {
                NDList data = batch.getData();
                NDList labels = batch.getLabels();
                NDList predictions;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    predictions = trainer.forward(data, labels);
                    NDArray loss = trainer.getLoss().evaluate(labels, predictions);
                    collector.backward(loss);
                }
                trainer.step();
                counts.addBatch(CountingListener.classIds(labels));
                // A running loss, as loops often keep one, outside the gradient collector and after the step:
                // evaluates the same batch's loss a second time.
                trainer.getLoss().updateAccumulator(TRAIN_LOSS, labels, predictions);
            }
        }
    }

    static void validateEpoch(Trainer trainer, Dataset validationSet, LabelCounts counts)
            throws IOException, TranslateException {
        for (Batch batch : trainer.iterateDataset(validationSet)) {
            try (batch) {
                NDList labels = batch.getLabels();
                NDList predictions = trainer.evaluate(batch.getData());
                trainer.getLoss().evaluate(labels, predictions).close();
                trainer.getLoss().updateAccumulator(VALIDATION_LOSS, labels, predictions);
                counts.addBatch(CountingListener.classIds(labels));
            }
        }
    }
}
