package dev.skewguard.collector.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.collector.server.CollectorServer;
import dev.skewguard.collector.server.TestAgent;
import dev.skewguard.proto.v1.Batch;
import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Batch.task: a served job's report counts each worker instance's batches per task, within a bound. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TaskTalliesTest {
    private CollectorServer collector;
    private ManagedChannel channel;

    @AfterEach
    void close() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        if (collector != null) {
            collector.close();
        }
    }

    private static Batch inTask(long sequence, String task) {
        Batch.Builder batch = TestAgent.batchOf(sequence, new int[] {0, 1}, new int[] {0, 1}).toBuilder();
        return (task == null ? batch : batch.setTask(task)).build();
    }

    @Test
    void eachWorkerCountsItsBatchesPerTaskAndABatchWithoutATaskInNone() throws Exception {
        collector = CollectorServer.start(ServerOptions.builder().port(0).log(line -> { }).build());
        channel = TestAgent.channel(collector.port());
        TestAgent agent = TestAgent.on(channel);
        agent.hello("job", "driver", "i0");
        agent.batches(inTask(1, "stage 1 partition 0"), inTask(2, "stage 1 partition 1"),
                inTask(3, "stage 1 partition 0"), inTask(4, null));
        agent.awaitAck(4);
        JsonNode worker = ReportSchema.validated(collector.reportJson("job").orElseThrow()).get("workers").get(0);
        JsonNode tasks = worker.get("tasks");
        assertEquals(2, tasks.size(), tasks.toString());
        assertEquals("stage 1 partition 0", tasks.get(0).get("task").asText());
        assertEquals(2, tasks.get(0).get("batches_counted").asLong());
        assertEquals("stage 1 partition 1", tasks.get(1).get("task").asText());
        assertEquals(1, tasks.get(1).get("batches_counted").asLong());
        assertEquals(4, worker.get("batches_counted").asLong());
        assertFalse(worker.has("other_tasks_batches_counted"));
    }

    @Test
    void tasksBeyondTheBoundAreCountedTogetherAndLongLabelsAreCut() {
        TaskTallies tallies = new TaskTallies();
        for (int i = 0; i < TaskTallies.MAX_TASKS + 10; i++) {
            tallies.count("t" + i);
        }
        tallies.count("t0");
        tallies.count("x".repeat(1000));
        assertEquals(TaskTallies.MAX_TASKS, tallies.toJson().size());
        assertEquals(11, tallies.otherTasksBatches());
        assertEquals(2L, tallies.toJson().get(0).get("batches_counted"));

        TaskTallies cut = new TaskTallies();
        cut.count("y".repeat(1000));
        cut.count("y".repeat(500));
        assertEquals(1, cut.toJson().size(), "both cut to the same label");
        assertEquals(TaskTallies.MAX_LABEL_LENGTH, ((String) cut.toJson().get(0).get("task")).length());
    }
}
