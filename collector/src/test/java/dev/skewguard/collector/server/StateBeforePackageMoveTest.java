package dev.skewguard.collector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.collector.state.StateStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state dir written by the collector before its job classes left the {@code server} package (the resource
 * {@code state-before-package-move/}: job "before-the-move", worker w0 from the start with threshold_imbalance=50 of
 * its own, worker w1 attached at train step 7 and eval step 8) restores with everything it held.
 */
@Timeout(30)
class StateBeforePackageMoveTest {
    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void aStateWrittenBeforeTheJobClassesMovedRestoresWithAllItHeld(@TempDir Path dir) throws Exception {
        try (InputStream old = getClass().getResourceAsStream("/state-before-package-move/" + StateStore.FILE_NAME)) {
            assertNotNull(old, "the state file written before the move");
            Files.copy(old, dir.resolve(StateStore.FILE_NAME));
        }
        try (CollectorServer collector = CollectorServer.start(
                ServerOptions.builder().port(0).log(log::add).stateDir(dir).build())) {
            JsonNode report = ReportSchema.validated(collector.reportJson("before-the-move").orElseThrow());
            assertEquals(48, report.get("samples_seen").asLong(), report.toString());
            assertEquals(3, report.get("batches_counted").asLong(), report.toString());
            assertEquals(30, report.at("/modes/train/classes/0/count").asLong(), report.toString());
            assertEquals(5, report.at("/modes/train/classes/1/mispredicted").asLong(), report.toString());
            assertEquals(6, report.at("/modes/eval/classes/1/mispredicted").asLong(), report.toString());
            assertEquals(50.0, report.at("/job_parameters/effective/threshold_imbalance").asDouble(), report.toString());
            assertEquals("job", report.at("/job_parameters/sources/threshold_imbalance").asText(), report.toString());
            JsonNode attached = report.get("workers").get(1);
            assertEquals("w1", attached.get("worker_id").asText(), attached.toString());
            assertTrue(attached.get("attached").asBoolean(), attached.toString());
            assertEquals(7, attached.at("/counts_start/train/step").asLong(), attached.toString());
            assertEquals(2, attached.get("last_counted_sequence").asLong(), attached.toString());
            assertFalse(report.get("collector_lost_state").asBoolean(), report.toString());
        }
    }
}
