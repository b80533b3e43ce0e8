package dev.skewguard.agent.instrumentation.djl;

import static dev.skewguard.agent.instrumentation.releases.Requirement.field;
import static dev.skewguard.agent.instrumentation.releases.Requirement.method;

import dev.skewguard.agent.instrumentation.releases.SupportedReleases;
import java.util.List;

/**
 * The DJL releases {@link DjlInstrumentation} supports (both ends run in the test suite, on the PyTorch engine:
 * 0.28.0 with PyTorch 2.2.2, 0.36.0 with 2.7.1), and the DJL members its advice and helpers use
 * (DeclaredRequirementsTest checks that the list names every one the compiled code calls).
 */
final class DjlReleases {
    private static final String TRAINER = "ai.djl.training.Trainer";
    private static final String BATCH = "ai.djl.training.dataset.Batch";
    private static final String NDLIST = "ai.djl.ndarray.NDList";
    private static final String NDARRAY = "ai.djl.ndarray.NDArray";
    private static final String LISTENER = "ai.djl.training.listener.TrainingListener";
    private static final String BATCH_DATA = LISTENER + "$BatchData";
    private static final String DATA_TYPE = "ai.djl.ndarray.types.DataType";

    private DjlReleases() {
    }

    static SupportedReleases supported() {
        return SupportedReleases.of("DJL", "ai.djl", List.of("api"), TRAINER, "0.28.0", "0.36.0",
                        "DJL's training and validation batches are not captured")
                .needs(method(TRAINER, "notifyListeners", "java.util.function.Consumer"),
                        method(TRAINER, "getLoss").returning("ai.djl.training.loss.Loss"),
                        method("ai.djl.training.loss.AbstractCompositeLoss", "getComponents")
                                .returning("java.util.List"),
                        method(TRAINER, "step"),
                        method(TRAINER, "newGradientCollector").returning("ai.djl.training.GradientCollector"),
                        method("ai.djl.training.EasyTrain", "trainBatch", TRAINER, BATCH),
                        method("ai.djl.training.EasyTrain", "validateBatch", TRAINER, BATCH),
                        method("ai.djl.training.loss.Loss", "evaluate", NDLIST, NDLIST),
                        method(LISTENER, "onTrainingBatch", TRAINER, BATCH_DATA),
                        method(LISTENER, "onValidationBatch", TRAINER, BATCH_DATA),
                        method(BATCH_DATA, "getLabels").returning("java.util.Map"),
                        method(BATCH_DATA, "getPredictions").returning("java.util.Map"),
                        method(NDLIST, "head").returning(NDARRAY),
                        method(NDLIST, "isEmpty"),
                        method(NDARRAY, "argMax", "int"),
                        method(NDARRAY, "toType", DATA_TYPE, "boolean"),
                        method(NDARRAY, "toIntArray"),
                        method(NDARRAY, "toFloatArray"),
                        method(NDARRAY, "toLongArray"),
                        method(NDARRAY, "getShape"),
                        method(NDARRAY, "getDevice"),
                        method(NDARRAY, "getDataType").returning(DATA_TYPE),
                        method(NDARRAY, "close"),
                        field(DATA_TYPE, "FLOAT32"),
                        field(DATA_TYPE, "INT32"),
                        field(DATA_TYPE, "INT64"),
                        method("ai.djl.ndarray.types.Shape", "get", "int"),
                        method("ai.djl.ndarray.types.Shape", "dimension"),
                        method("ai.djl.Device", "isGpu"));
    }
}
