package dev.skewguard.collector.protocol;

import dev.skewguard.collector.rule.DType;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.Record;
import dev.skewguard.collector.rule.Tensor;
import dev.skewguard.proto.v1.Batch;
import io.grpc.Status;
import io.grpc.StatusException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a protocol {@link Batch} into the rule's {@link Record}, wrapping each tensor's bytes without copying them,
 * and refuses a batch whose tensors are not what they say (INVALID_ARGUMENT, naming the tensor).
 */
public final class ProtoRecords {
    private ProtoRecords() {
    }

    /**
     * @throws StatusException INVALID_ARGUMENT naming the tensor or field that is wrong; nothing of the batch
     *     may then be counted
     */
    public static Record toRecord(Batch batch, String worker) throws StatusException {
        Mode mode = mode(batch);
        List<Tensor> tensors = new ArrayList<>(batch.getTensorsCount());
        for (int i = 0; i < batch.getTensorsCount(); i++) {
            tensors.add(tensor(batch.getSequence(), i, batch.getTensors(i)));
        }
        return new Record(batch.getStep(), mode, worker, tensors);
    }

    static Mode mode(Batch batch) throws StatusException {
        switch (batch.getMode()) {
            case MODE_UNSPECIFIED: return Mode.GLOBAL;
            case MODE_TRAIN: return Mode.TRAIN;
            case MODE_EVAL: return Mode.EVAL;
            case MODE_PREDICT: return Mode.PREDICT;
            default:
                throw invalid("batch " + batch.getSequence() + ": unknown mode " + batch.getModeValue());
        }
    }

    /** The protocol's name of a mode. */
    public static dev.skewguard.proto.v1.Mode toProto(Mode mode) {
        switch (mode) {
            case TRAIN: return dev.skewguard.proto.v1.Mode.MODE_TRAIN;
            case EVAL: return dev.skewguard.proto.v1.Mode.MODE_EVAL;
            case PREDICT: return dev.skewguard.proto.v1.Mode.MODE_PREDICT;
            default: return dev.skewguard.proto.v1.Mode.MODE_UNSPECIFIED;
        }
    }

    private static Tensor tensor(long sequence, int index, dev.skewguard.proto.v1.Tensor tensor)
            throws StatusException {
        String name = tensor.getName();
        if (name.isEmpty()) {
            throw invalid("batch " + sequence + ": tensor #" + index + " has no name");
        }
        DType dtype = dtype(sequence, tensor);
        long[] shape = new long[tensor.getShapeCount()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = tensor.getShape(i);
        }
        try {
            return Tensor.of(name, shape, dtype, tensor.getData().asReadOnlyByteBuffer());
        } catch (IllegalArgumentException | ArithmeticException e) {
            String why = e instanceof ArithmeticException ? "tensor \"" + name + "\": shape overflows" : e.getMessage();
            throw invalid("batch " + sequence + ": " + why);
        }
    }

    private static DType dtype(long sequence, dev.skewguard.proto.v1.Tensor tensor) throws StatusException {
        switch (tensor.getDtype()) {
            case DTYPE_UINT8: return DType.UINT8;
            case DTYPE_UINT16: return DType.UINT16;
            case DTYPE_INT32: return DType.INT32;
            case DTYPE_INT64: return DType.INT64;
            case DTYPE_FLOAT32: return DType.FLOAT32;
            case DTYPE_FLOAT64: return DType.FLOAT64;
            case DTYPE_UNSPECIFIED:
                throw invalid("batch " + sequence + ": tensor \"" + tensor.getName() + "\" has no dtype");
            default:
                throw invalid("batch " + sequence + ": tensor \"" + tensor.getName() + "\" has unknown dtype "
                        + tensor.getDtypeValue());
        }
    }

    private static StatusException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asException();
    }
}
