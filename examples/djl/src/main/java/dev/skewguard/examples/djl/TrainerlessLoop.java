package dev.skewguard.examples.djl;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import java.io.IOException;

/**
 * A training loop with no Trainer at all, as lower-level code writes one: {@code Block#forward} with a
 * {@code ParameterStore}, the engine's own {@code GradientCollector}, {@code Loss#evaluate}, and the optimizer
 * applied through the store's parameter server. A training batch is counted once its parameters were updated; a
 * validation batch once its loss was evaluated.
 */
final class TrainerlessLoop {
    private final NDManager manager;
    private final Block block;
    private final ParameterStore parameters;
    private final Loss loss = Loss.softmaxCrossEntropyLoss();

    TrainerlessLoop(Model model, Optimizer optimizer, Shape inputShape) {
        manager = model.getNDManager();
        block = model.getBlock();
        block.initialize(manager, DataType.FLOAT32, inputShape);
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            parameter.getValue().getArray().setRequiresGradient(true);
        }
        parameters = new ParameterStore(manager, false);
        parameters.setParameterServer(new LocalParameterServer(optimizer), new Device[] {manager.getDevice()});
    }

    void trainEpoch(Dataset trainSet, LabelCounts counts) throws IOException, TranslateException {
        for (Batch batch : trainSet.getData(manager)) {
            try (batch) {
                NDList labels = batch.getLabels();
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    NDList predictions = block.forward(parameters, batch.getData(), true);
                    collector.backward(loss.evaluate(labels, predictions));
                }
                parameters.updateAllParameters();
                counts.addBatch(CountingListener.classIds(labels));
            }
        }
    }

    void validateEpoch(Dataset validationSet, LabelCounts counts) throws IOException, TranslateException {
        for (Batch batch : validationSet.getData(manager)) {
            try (batch) {
                NDList labels = batch.getLabels();
                loss.evaluate(labels, predict(batch.getData())).close();
                counts.addBatch(CountingListener.classIds(labels));
            }
        }
    }

    /** The model's output for this input, with no gradient and no loss. */
    NDList predict(NDList data) {
        return block.forward(parameters, data, false);
    }
}
