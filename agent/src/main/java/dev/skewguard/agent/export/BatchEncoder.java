package dev.skewguard.agent.export;

import com.google.protobuf.UnsafeByteOperations;
import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.capture.CapturedBatch;
import dev.skewguard.proto.v1.Batch;
import dev.skewguard.proto.v1.DType;
import dev.skewguard.proto.v1.Mode;
import dev.skewguard.proto.v1.Tensor;

/**
 * Turns a captured batch into a protocol Batch: tensors named {@code <framework>/<mode>/labels} and
 * {@code .../predictions}, class ids packed compactly, scores as FLOAT32 [N, C] (predictions=scores) or reduced to
 * their argmax (predictions=indices). Runs on the sender thread. The packed arrays are fresh and never written again,
 * so the tensors wrap them instead of copying them.
 */
public final class BatchEncoder {
    private final boolean sendScores;

    public BatchEncoder(boolean sendScores) {
        this.sendScores = sendScores;
    }

    public Batch encode(CapturedBatch captured, long sequence, long droppedSincePrevious) {
        String prefix = captured.framework() + "/" + captured.mode().wireName() + "/";
        Batch.Builder batch = Batch.newBuilder()
                .setSequence(sequence)
                .setStep(captured.step())
                .setMode(mode(captured.mode()))
                .setDroppedSincePrevious(droppedSincePrevious);
        batch.addTensors(classIds(prefix + "labels", captured.labels()));
        if (captured.predictedClasses() != null) {
            batch.addTensors(classIds(prefix + "predictions", captured.predictedClasses()));
        } else if (captured.scores() != null) {
            if (sendScores) {
                batch.addTensors(Tensor.newBuilder()
                        .setName(prefix + "predictions")
                        .addShape(captured.labels().length)
                        .addShape(captured.numClasses())
                        .setDtype(DType.DTYPE_FLOAT32)
                        .setData(UnsafeByteOperations.unsafeWrap(ClassIdEncoding.packFloats(captured.scores()))));
            } else {
                batch.addTensors(classIds(prefix + "predictions",
                        ClassIdEncoding.argmax(captured.scores(), captured.numClasses())));
            }
        }
        return batch.build();
    }

    static Tensor classIds(String name, int[] ids) {
        DType type = ClassIdEncoding.narrowestType(ids);
        return Tensor.newBuilder()
                .setName(name)
                .addShape(ids.length)
                .setDtype(type)
                .setData(UnsafeByteOperations.unsafeWrap(ClassIdEncoding.pack(ids, type)))
                .build();
    }

    static Mode mode(CaptureMode mode) {
        switch (mode) {
            case TRAIN:
                return Mode.MODE_TRAIN;
            case EVAL:
                return Mode.MODE_EVAL;
            case PREDICT:
                return Mode.MODE_PREDICT;
            default:
                return Mode.MODE_UNSPECIFIED;
        }
    }
}
