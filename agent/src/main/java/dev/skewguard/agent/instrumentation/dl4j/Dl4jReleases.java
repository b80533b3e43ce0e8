package dev.skewguard.agent.instrumentation.dl4j;

import static dev.skewguard.agent.instrumentation.releases.Requirement.method;

import dev.skewguard.agent.instrumentation.releases.SupportedReleases;
import java.util.List;

/**
 * The DL4J releases {@link Dl4jInstrumentation} supports (both ends run in the test suite), and the DL4J and ND4J
 * members its advice and helpers use.
 */
final class Dl4jReleases {
    private static final String MULTI_LAYER_NETWORK = "org.deeplearning4j.nn.multilayer.MultiLayerNetwork";
    private static final String COMPUTATION_GRAPH = "org.deeplearning4j.nn.graph.ComputationGraph";
    private static final String INDARRAY = "org.nd4j.linalg.api.ndarray.INDArray";
    private static final String ACTIVATION = "org.nd4j.linalg.activations.IActivation";
    private static final String DATA_BUFFER = "org.nd4j.linalg.api.buffer.DataBuffer";

    private Dl4jReleases() {
    }

    static SupportedReleases supported() {
        return SupportedReleases.of("DL4J", "org.deeplearning4j", List.of("deeplearning4j-nn"), MULTI_LAYER_NETWORK,
                        "1.0.0-beta7", "1.0.0-M2.1",
                        "DL4J's training iterations and Evaluation#eval batches are not captured")
                .needs(method(MULTI_LAYER_NETWORK, "computeGradientAndScore"),
                        method(MULTI_LAYER_NETWORK, "getIterationCount"),
                        method(COMPUTATION_GRAPH, "computeGradientAndScore"),
                        method(COMPUTATION_GRAPH, "getIterationCount"),
                        method("org.nd4j.linalg.lossfunctions.ILossFunction", "computeScore", INDARRAY, INDARRAY,
                                ACTIVATION, INDARRAY, "boolean"),
                        method(ACTIVATION, "getActivation", INDARRAY, "boolean"),
                        method("org.nd4j.evaluation.classification.Evaluation", "eval", INDARRAY, INDARRAY, INDARRAY,
                                "java.util.List"),
                        method(INDARRAY, "dup", "char"),
                        method(INDARRAY, "data").returning(DATA_BUFFER),
                        method(INDARRAY, "shape").returning("long[]"),
                        method(INDARRAY, "isView"),
                        method(INDARRAY, "ordering"),
                        method(INDARRAY, "length").returning("long"),
                        method(DATA_BUFFER, "asFloat").returning("float[]"),
                        method(DATA_BUFFER, "length").returning("long"),
                        method("org.nd4j.linalg.factory.Nd4j", "getMemoryManager"),
                        method("org.nd4j.linalg.api.memory.MemoryManager", "scopeOutOfWorkspaces"),
                        method("org.nd4j.linalg.api.memory.MemoryWorkspace", "close"));
    }
}
