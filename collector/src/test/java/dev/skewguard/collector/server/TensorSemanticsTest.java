package dev.skewguard.collector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.Batch;
import dev.skewguard.proto.v1.DType;
import dev.skewguard.proto.v1.Mode;
import dev.skewguard.proto.v1.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the proto says of tensors, through the collector: one-hot labels are reduced (ties: lowest index), [N,1] is
 * accepted, float ids must be whole, negative ids are data errors, and score vectors as predictions need --argmax
 * (without it: a configuration error in the report and one line, never a silent count).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TensorSemanticsTest {
    final List<String> log = new CopyOnWriteArrayList<>();
    CollectorServer collector;
    TestAgent agent;
    long sequence;

    @AfterEach
    void close() throws Exception {
        if (agent != null) {
            agent.close();
        }
        collector.close();
    }

    void start(boolean argmax) throws Exception {
        collector = CollectorServer.start(ServerOptions.builder().port(0).quiet(true).log(log::add)
                .ruleParameters(RuleParameters.DEFAULTS.toBuilder().argmax(argmax).build()).build());
        agent = TestAgent.connect(collector.port());
        agent.hello("job", "w0", "i0");
    }

    /** Sends one batch of these two tensors; returns the report once it is counted. */
    JsonNode send(Tensor labels, Tensor predictions) throws Exception {
        sequence++;
        agent.send(AgentMessage.newBuilder().setBatch(Batch.newBuilder().setSequence(sequence).setStep(sequence)
                .setMode(Mode.MODE_TRAIN).addTensors(labels).addTensors(predictions)).build());
        agent.awaitAck(sequence);
        return ReportSchema.validated(collector.reportJson("job").orElseThrow());
    }

    static Tensor floats(String name, long[] shape, float... values) {
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        return Tensor.newBuilder().setName(name).addAllShape(List.of(box(shape))).setDtype(DType.DTYPE_FLOAT32)
                .setData(ByteString.copyFrom(data.array())).build();
    }

    static Tensor ints(String name, int... values) {
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            data.putInt(v);
        }
        return Tensor.newBuilder().setName(name).addShape(values.length).setDtype(DType.DTYPE_INT32)
                .setData(ByteString.copyFrom(data.array())).build();
    }

    private static Long[] box(long[] shape) {
        Long[] boxed = new Long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            boxed[i] = shape[i];
        }
        return boxed;
    }

    static long count(JsonNode report, int classId) {
        return report.path("classes").path(String.valueOf(classId)).path("count").asLong();
    }

    @Test
    void oneHotLabelsAreReducedTiesToTheLowestIndexAndNx1IsAccepted() throws Exception {
        start(false);
        // Rows: one-hot class 2, one-hot class 1, a tie between 0 and 2 (class 0).
        JsonNode report = send(floats("labels", new long[] {3, 3}, 0, 0, 1, 0, 1, 0, 0.5f, 0, 0.5f),
                ints("predictions", 2, 1, 0));
        assertEquals(1, count(report, 0), report.toString());
        assertEquals(1, count(report, 1));
        assertEquals(1, count(report, 2));
        assertEquals(0, report.path("classes").path("0").path("mispredicted").asLong(), "the tie went to 0");

        report = send(floats("labels", new long[] {2, 1}, 1, 1), floats("predictions", new long[] {2, 1}, 1, 0));
        assertEquals(3, count(report, 1), "[N,1] labels are class ids: " + report);
        assertEquals(0, report.path("data_errors").asLong());
    }

    @Test
    void floatIdsMustBeWholeAndNegativeIdsAreDataErrors() throws Exception {
        start(false);
        JsonNode report = send(floats("labels", new long[] {2}, 2.0f, 1.0f), ints("predictions", 2, 1));
        assertEquals(1, count(report, 2), report.toString());

        report = send(floats("labels", new long[] {2}, 2.5f, 1.0f), ints("predictions", 2, 1));
        assertEquals(1, report.path("data_errors").asLong(), report.toString());
        assertTrue(report.path("data_error_messages").get(0).asText().contains("class id 2.5 at index 0 is not a "
                + "whole number"), report.toString());

        report = send(ints("labels", 1, -3), ints("predictions", 1, 1));
        assertEquals(2, report.path("data_errors").asLong(), report.toString());
        assertTrue(report.path("data_error_messages").get(1).asText().contains("class id -3 at index 1 is "
                + "negative"), report.toString());
        assertEquals(2, report.path("samples_seen").asLong(), "records with a data error count nothing");
        assertEquals(3, report.path("batches_counted").asLong(), "they are consumed, not stream errors");
    }

    @Test
    void scoreVectorsWithoutArgmaxAreAConfigurationErrorSaidOnce() throws Exception {
        start(false);
        Tensor scores = floats("predictions", new long[] {2, 3}, 0.1f, 0.7f, 0.2f, 0.8f, 0.1f, 0.1f);
        send(ints("labels", 1, 0), scores);
        JsonNode report = send(ints("labels", 1, 0), scores);
        assertEquals(0, report.path("samples_seen").asLong(), "never silently counted: " + report);
        assertEquals(2, report.path("configuration_error_records").asLong(), report.toString());
        assertTrue(report.path("configuration_error").asText().contains("predictions are score vectors over 3 "
                + "classes (shape [2, 3]): set argmax=true"), report.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (log.isEmpty() && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        collector.close(); // looks once more: still one line
        assertEquals(List.of("job \"job\": batches skipped, not evaluated as configured: tensor \\\"predictions\\\": "
                + "predictions are score vectors over 3 classes (shape [2, 3]): set argmax=true (restart the "
                + "collector with --argmax, or let the agents send class ids: their predictions=indices, the "
                + "default); the report's configuration_error says so too"), log);
    }

    @Test
    void scoreVectorsWithArgmaxAreCounted() throws Exception {
        start(true);
        JsonNode report = send(ints("labels", 1, 0),
                floats("predictions", new long[] {2, 3}, 0.1f, 0.7f, 0.2f, 0.8f, 0.1f, 0.1f));
        assertEquals(2, report.path("samples_seen").asLong(), report.toString());
        assertEquals(0, report.path("classes").path("1").path("mispredicted").asLong());
        assertTrue(report.path("configuration_error").isNull(), report.toString());
    }
}
