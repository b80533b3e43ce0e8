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
 * is computed with {@code Loss#evaluate} (twice per batch: once more for the running loss) and the optimizer
 * moved with {@code Trainer#step}.
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
                counts.addBatch(CountingListener.classIds(labels));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(data, labels);
                    NDArray loss = trainer.getLoss().evaluate(labels, predictions);
                    collector.backward(loss);
                    // A running loss, as loops usually keep one: evaluates the loss a second time.
                    trainer.getLoss().updateAccumulator(TRAIN_LOSS, labels, predictions);
                }
                trainer.step();
            }
        }
    }

    static void validateEpoch(Trainer trainer, Dataset validationSet, LabelCounts counts)
            throws IOException, TranslateException {
        for (Batch batch : trainer.iterateDataset(validationSet)) {
            try (batch) {
                NDList labels = batch.getLabels();
                counts.addBatch(CountingListener.classIds(labels));
                NDList predictions = trainer.evaluate(batch.getData());
                trainer.getLoss().evaluate(labels, predictions).close();
                trainer.getLoss().updateAccumulator(VALIDATION_LOSS, labels, predictions);
            }
        }
    }
}
