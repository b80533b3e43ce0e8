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
 * is computed with {@code Loss#evaluate} and the optimizer moved with {@code Trainer#step}.
 */
final class ManualLoop {
    private ManualLoop() {}

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
            }
        }
    }
}
