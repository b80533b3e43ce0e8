package dev.skewguard.agent.instrumentation.tensorflow;

import static dev.skewguard.agent.instrumentation.releases.Requirement.field;
import static dev.skewguard.agent.instrumentation.releases.Requirement.method;

import dev.skewguard.agent.instrumentation.releases.SupportedReleases;
import java.util.List;

/**
 * The TensorFlow Java releases {@link TensorflowInstrumentation} supports (both ends run in the test suite), and
 * the members {@link SessionRunAdvice} uses. TensorFlow Java 0.5.0 is another API: its runs pass through the same
 * {@code runHelper(boolean)}, but its tensors' data types are {@code org.tensorflow.proto.framework.DataType}, so it
 * does not fit.
 */
final class TensorflowReleases {
    private static final String RUNNER = "org.tensorflow.Session$Runner";
    private static final String TENSOR = "org.tensorflow.Tensor";
    private static final String RAW_TENSOR = "org.tensorflow.RawTensor";

    private TensorflowReleases() {
    }

    static SupportedReleases supported() {
        return SupportedReleases.of("TensorFlow Java", "org.tensorflow", List.of("tensorflow-core-api"),
                        "org.tensorflow.Session", "1.0.0", "1.1.0", "its Session runs are not captured")
                .needs(method(RUNNER, "runHelper", "boolean").returning("org.tensorflow.Result"),
                        field(RUNNER, "inputs"),
                        field(RUNNER, "inputTensors"),
                        field(RUNNER, "outputs"),
                        field(RUNNER, "targets"),
                        method("org.tensorflow.Result", "get", "int").returning(TENSOR),
                        method("org.tensorflow.Output", "name"),
                        method(TENSOR, "asRawTensor").returning(RAW_TENSOR),
                        method(TENSOR, "dataType").returning("org.tensorflow.proto.DataType"),
                        method(TENSOR, "shape").returning("org.tensorflow.ndarray.Shape"),
                        method(RAW_TENSOR, "data").returning("org.tensorflow.ndarray.buffer.ByteDataBuffer"),
                        method(RAW_TENSOR, "numBytes"),
                        method("org.tensorflow.ndarray.Shape", "asArray"),
                        method("org.tensorflow.ndarray.buffer.ByteDataBuffer", "read", "byte[]"),
                        method("org.tensorflow.proto.DataType", "getNumber"));
    }
}
