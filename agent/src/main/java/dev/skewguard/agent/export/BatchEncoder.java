package dev.skewguard.agent.export;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.capture.CapturedBatch;
import dev.skewguard.agent.capture.RowArgmax;
import dev.skewguard.proto.v1.Batch;
import dev.skewguard.proto.v1.DType;
import dev.skewguard.proto.v1.Mode;
import dev.skewguard.proto.v1.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a captured batch into the bytes of a protocol Batch (with Batch.framework, the capturing instrumentation, and
 * Batch.task when the batch names the part of the process that captured it):
 * tensors named {@code <framework>/<mode>/labels} and
 * {@code .../predictions} (or the program's own tensor names, when the batch carries them), class ids packed compactly, scores as FLOAT32 [N, C] (predictions=scores) or reduced to
 * their argmax (predictions=indices). Runs on the sender thread.
 *
 * <p>It writes the message's fields straight into one array of its exact size with protobuf's
 * {@link CodedOutputStream}, in field-number order and leaving out zero values as the generated code does: the bytes
 * are those {@code Batch.toByteArray()} would give (a test checks), without building a Batch and two Tensors per
 * batch. The sender sends at most a few thousand batches a second, each once or, after a reconnect, again.
 */
public final class BatchEncoder {
    private static final byte[] EMPTY = new byte[0];
    private final boolean sendScores;
    /** The UTF-8 tensor names per framework and mode: a process uses a handful. */
    private final Map<String, byte[][]> names = new HashMap<>();
    private String lastFramework;
    private CaptureMode lastMode;
    private byte[][] lastNames;
    private String lastFrameworkForField;
    private byte[] lastFrameworkBytes;

    public BatchEncoder(boolean sendScores) {
        this.sendScores = sendScores;
    }

    /** The batch's bytes, numbered {@code sequence}. */
    public byte[] encode(CapturedBatch captured, long sequence, long droppedSincePrevious) {
        byte[][] tensorNames = names(captured);
        int rows = captured.labels().length;
        TensorData labels = TensorData.classIds(captured.labels());
        TensorData predictions;
        if (captured.predictedClasses() != null) {
            predictions = TensorData.classIds(captured.predictedClasses());
        } else if (captured.scores() == null) {
            predictions = null;
        } else if (sendScores) {
            predictions = new TensorData(DType.DTYPE_FLOAT32, ClassIdEncoding.packFloats(captured.scores()),
                    new long[] {rows, captured.numClasses()});
        } else {
            predictions = TensorData.classIds(RowArgmax.of(captured.scores(), captured.numClasses()));
        }
        int labelsSize = labels.messageSize(tensorNames[0]);
        int predictionsSize = predictions == null ? 0 : predictions.messageSize(tensorNames[1]);
        int mode = mode(captured.mode()).getNumber();
        byte[] framework = frameworkBytes(captured.framework());
        byte[] task = captured.task() == null ? EMPTY : captured.task().getBytes(StandardCharsets.UTF_8);

        int size = (sequence != 0 ? CodedOutputStream.computeUInt64Size(Batch.SEQUENCE_FIELD_NUMBER, sequence) : 0)
                + (captured.step() != 0 ? CodedOutputStream.computeInt64Size(Batch.STEP_FIELD_NUMBER, captured.step())
                        : 0)
                + (mode != 0 ? CodedOutputStream.computeEnumSize(Batch.MODE_FIELD_NUMBER, mode) : 0)
                + lengthDelimitedSize(Batch.TENSORS_FIELD_NUMBER, labelsSize)
                + (predictions == null ? 0 : lengthDelimitedSize(Batch.TENSORS_FIELD_NUMBER, predictionsSize))
                + (droppedSincePrevious != 0 ? CodedOutputStream.computeUInt64Size(
                        Batch.DROPPED_SINCE_PREVIOUS_FIELD_NUMBER, droppedSincePrevious) : 0)
                + (framework.length != 0 ? lengthDelimitedSize(Batch.FRAMEWORK_FIELD_NUMBER, framework.length) : 0)
                + (task.length != 0 ? lengthDelimitedSize(Batch.TASK_FIELD_NUMBER, task.length) : 0);
        byte[] out = new byte[size];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            if (sequence != 0) {
                o.writeUInt64(Batch.SEQUENCE_FIELD_NUMBER, sequence);
            }
            if (captured.step() != 0) {
                o.writeInt64(Batch.STEP_FIELD_NUMBER, captured.step());
            }
            if (mode != 0) {
                o.writeEnum(Batch.MODE_FIELD_NUMBER, mode);
            }
            labels.writeTo(o, tensorNames[0], labelsSize);
            if (predictions != null) {
                predictions.writeTo(o, tensorNames[1], predictionsSize);
            }
            if (droppedSincePrevious != 0) {
                o.writeUInt64(Batch.DROPPED_SINCE_PREVIOUS_FIELD_NUMBER, droppedSincePrevious);
            }
            if (framework.length != 0) {
                o.writeByteArray(Batch.FRAMEWORK_FIELD_NUMBER, framework); // a string field: the same bytes
            }
            if (task.length != 0) {
                o.writeByteArray(Batch.TASK_FIELD_NUMBER, task);
            }
            o.checkNoSpaceLeft();
        } catch (IOException e) { // an array sized above cannot overflow; if it did, this batch is dropped
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Batch.framework: the instrumentation that captured the batch, in UTF-8. */
    private byte[] frameworkBytes(String framework) {
        if (framework == null) {
            return EMPTY;
        }
        if (!framework.equals(lastFrameworkForField)) {
            lastFrameworkForField = framework;
            lastFrameworkBytes = framework.getBytes(StandardCharsets.UTF_8);
        }
        return lastFrameworkBytes;
    }

    private byte[][] names(CapturedBatch captured) {
        if (captured.labelsName() == null) {
            return names(captured.framework(), captured.mode());
        }
        return new byte[][] {captured.labelsName().getBytes(StandardCharsets.UTF_8),
                captured.predictionsName() == null ? null : captured.predictionsName().getBytes(StandardCharsets.UTF_8)};
    }

    private byte[][] names(String framework, CaptureMode captureMode) {
        if (framework.equals(lastFramework) && captureMode == lastMode) {
            return lastNames; // consecutive batches nearly always share both
        }
        String prefix = framework + "/" + captureMode.wireName() + "/";
        lastNames = names.computeIfAbsent(prefix, p -> new byte[][] {
                (p + "labels").getBytes(StandardCharsets.UTF_8), (p + "predictions").getBytes(StandardCharsets.UTF_8)});
        lastFramework = framework;
        lastMode = captureMode;
        return lastNames;
    }

    /** A length-delimited field's size: tag, length varint, then {@code length} bytes. */
    static int lengthDelimitedSize(int field, int length) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
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

    /** One tensor's dtype, packed data and shape, written as a Tensor message field of a Batch. */
    private record TensorData(DType dtype, byte[] data, long[] shape) {
        static TensorData classIds(int[] ids) {
            ClassIdEncoding.Packed packed = ClassIdEncoding.packNarrowest(ids);
            return new TensorData(packed.type(), packed.data(), new long[] {ids.length});
        }

        private int shapeBytes() {
            int n = 0;
            for (long dim : shape) {
                n += CodedOutputStream.computeInt64SizeNoTag(dim);
            }
            return n;
        }

        /** The size of the Tensor message (without its own tag and length). */
        int messageSize(byte[] name) {
            int shapeBytes = shapeBytes();
            return CodedOutputStream.computeByteArraySize(Tensor.NAME_FIELD_NUMBER, name)
                    + lengthDelimitedSize(Tensor.SHAPE_FIELD_NUMBER, shapeBytes)
                    + CodedOutputStream.computeEnumSize(Tensor.DTYPE_FIELD_NUMBER, dtype.getNumber())
                    + (data.length == 0 ? 0 : CodedOutputStream.computeByteArraySize(Tensor.DATA_FIELD_NUMBER, data));
        }

        /** Writes this tensor as field {@code tensors} of a Batch: tag, length, then the Tensor's fields. */
        void writeTo(CodedOutputStream o, byte[] name, int messageSize) throws IOException {
            o.writeTag(Batch.TENSORS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            o.writeUInt32NoTag(messageSize);
            o.writeByteArray(Tensor.NAME_FIELD_NUMBER, name);
            // repeated int64 is packed in proto3: one length-delimited field of varints
            o.writeTag(Tensor.SHAPE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            o.writeUInt32NoTag(shapeBytes());
            for (long dim : shape) {
                o.writeInt64NoTag(dim);
            }
            o.writeEnum(Tensor.DTYPE_FIELD_NUMBER, dtype.getNumber());
            if (data.length != 0) {
                o.writeByteArray(Tensor.DATA_FIELD_NUMBER, data);
            }
        }
    }
}
