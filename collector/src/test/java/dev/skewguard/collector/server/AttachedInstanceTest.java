package dev.skewguard.collector.server;

import static dev.skewguard.collector.server.TestAgent.classIds;
import static dev.skewguard.collector.server.TestAgent.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.options.ServerOptionsBuilder;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.proto.v1.Batch;
import dev.skewguard.proto.v1.Mode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker whose agent was attached to its JVM during training (Hello.attached): the report marks it and says, per
 * mode, the step and sequence its counts start from; the collector says so once, at its first counted batch.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AttachedInstanceTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private CollectorServer collector;

    @AfterEach
    void close() {
        if (collector != null) {
            collector.close();
        }
    }

    private static Batch batch(long sequence, long step, Mode mode, String prefix) {
        return Batch.newBuilder().setSequence(sequence).setStep(step).setMode(mode)
                .addTensors(classIds(prefix + "/labels", repeat(1, 4)))
                .addTensors(classIds(prefix + "/predictions", repeat(1, 4))).build();
    }

    @Test
    void anAttachedWorkersCountsStartAtItsFirstBatchPerMode() throws Exception {
        collector = CollectorServer.start(ServerOptions.builder().port(0).log(log::add).build());
        try (TestAgent attached = TestAgent.connect(collector.port());
             TestAgent atStart = TestAgent.connect(collector.port())) {
            attached.hello("job", "late", "i-late", true);
            atStart.hello("job", "early", "i-early");
            attached.batches(batch(1, 57, Mode.MODE_TRAIN, "m/train"), batch(2, 58, Mode.MODE_TRAIN, "m/train"));
            attached.awaitAck(2);
            attached.batches(batch(3, 58, Mode.MODE_EVAL, "m/eval"), batch(4, 59, Mode.MODE_TRAIN, "m/train"));
            attached.awaitAck(4);
            atStart.batch(1, repeat(0, 4), repeat(0, 4));
            atStart.awaitAck(1);

            JsonNode report = ReportSchema.validated(collector.reportJson("job").orElseThrow());
            assertEquals(1, report.get("attached_workers").asInt(), report.toPrettyString());
            JsonNode late = worker(report, "late");
            assertTrue(late.get("attached").asBoolean(), late.toString());
            assertEquals(57, late.at("/counts_start/train/step").asLong(), late.toString());
            assertEquals(1, late.at("/counts_start/train/sequence").asLong(), late.toString());
            assertEquals(58, late.at("/counts_start/eval/step").asLong(), late.toString());
            assertEquals(3, late.at("/counts_start/eval/sequence").asLong(), late.toString());
            assertEquals(List.of("train", "eval"), fieldNames(late.get("counts_start")));
            JsonNode early = worker(report, "early");
            assertFalse(early.get("attached").asBoolean(), early.toString());
            assertFalse(early.has("counts_start"), early.toString());

            List<String> lines = log.stream().filter(l -> l.contains("attached during training")).toList();
            assertEquals(1, lines.size(), "one line, at the attached worker's first counted batch: " + log);
            assertTrue(lines.get(0).contains("worker \"late\"") && lines.get(0).contains("train step 57"),
                    lines.get(0));
        }
    }

    @Test
    void whereAnAttachedWorkersCountsStartIsKeptInTheStateDir(@TempDir Path dir) throws Exception {
        ServerOptionsBuilder options = ServerOptions.builder().port(0).log(log::add).stateDir(dir);
        collector = CollectorServer.start(options.build());
        try (TestAgent attached = TestAgent.connect(collector.port())) {
            attached.hello("job", "late", "i-late", true);
            attached.batches(batch(1, 120, Mode.MODE_TRAIN, "m/train"));
            attached.awaitAck(1);
        }
        collector.close();
        collector = CollectorServer.start(options.build());
        JsonNode late = worker(ReportSchema.validated(collector.reportJson("job").orElseThrow()), "late");
        assertTrue(late.get("attached").asBoolean(), late.toString());
        assertEquals(120, late.at("/counts_start/train/step").asLong(), late.toString());
    }

    private static JsonNode worker(JsonNode report, String id) {
        for (JsonNode w : report.get("workers")) {
            if (w.get("worker_id").asText().equals(id)) {
                return w;
            }
        }
        throw new AssertionError("no worker " + id + " in " + report.toPrettyString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
