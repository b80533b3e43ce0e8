package dev.skewguard.collector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.collector.reportfiles.ReportFiles;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.CollectorMessage;
import dev.skewguard.proto.v1.Hello;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A live worker instance is not taken over from another connection; hostile ids stay in their place. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InstanceTakeoverTest {
    static final int[] LABELS = TestAgent.concat(TestAgent.repeat(0, 50), TestAgent.repeat(1, 50));

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final List<TestAgent> agents = new ArrayList<>();
    private CollectorServer collector;

    @AfterEach
    void stop() throws Exception {
        for (TestAgent agent : agents) {
            agent.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    private TestAgent connect() {
        TestAgent agent = TestAgent.connect(collector.port()); // each on its own channel: its own connection
        agents.add(agent);
        return agent;
    }

    @Test
    void aSecondStreamForALiveInstanceFromAnotherConnectionIsRefusedAndTheWorkerKeepsCounting() throws Exception {
        collector = CollectorServer.start(ServerOptions.builder().port(0).quiet(true).log(lines::add).build());
        TestAgent worker = connect();
        worker.hello("job", "w0", "i0");
        worker.batch(1, LABELS, LABELS);
        worker.awaitAck(1);

        TestAgent thief = connect();
        thief.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setJobId("job").setWorkerId("w0")
                .setInstanceId("i0")).build());
        Status refused = thief.awaitEnd();
        assertEquals(Status.Code.ALREADY_EXISTS, refused.getCode());
        assertTrue(refused.getDescription().contains("another connection"), refused.toString());
        synchronized (lines) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("ALREADY_EXISTS")), String.join("\n", lines));
        }

        worker.batch(2, LABELS, LABELS);
        assertEquals(2, worker.awaitAck(2), "the real worker's next batch counts");
        worker.cancel();
        worker.awaitEnd();

        // Its old connection gone, the same instance resumes from another one where it was.
        TestAgent resumed = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (resumed == null) {
            TestAgent attempt = connect();
            attempt.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setJobId("job").setWorkerId("w0")
                    .setInstanceId("i0")).build());
            while (attempt.received.isEmpty() && !attempt.ended.isDone()) {
                Thread.sleep(10);
            }
            CollectorMessage first = attempt.received.peek();
            if (first != null && first.hasWelcome()) {
                assertEquals(2, attempt.next().getWelcome().getLastCountedSequence());
                resumed = attempt;
            } else if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the instance stayed taken after its stream ended: " + attempt.ended.join());
            } else {
                Thread.sleep(50);
            }
        }
        resumed.batch(3, LABELS, LABELS);
        assertEquals(3, resumed.awaitAck(3));
        JsonNode report = ReportSchema.validated(collector.reportJson("job").orElseThrow());
        assertEquals(3, report.get("batches_counted").asLong(), report.toPrettyString());
        assertEquals(0, report.get("duplicate_batches").asLong(), report.toPrettyString());
    }

    @Test
    void hostileIdsAreEscapedInLinesAndGetTheirOwnReportFiles(@TempDir Path dir) throws Exception {
        collector = CollectorServer.start(ServerOptions.builder().port(0).reportDir(dir)
                .progressInterval(java.time.Duration.ofMillis(50)).log(lines::add).build());
        List<String> ids = List.of("evil\n2026-11-30 INFO forged line\u001b[31m",
                "evil_2026-11-30 INFO forged line__31m", "x".repeat(10_240), "../../etc/passwd");
        for (String id : ids) {
            TestAgent agent = connect();
            agent.hello(id, "worker\r\n\u001b]0;title\u0007", "i0");
            agent.batch(1, LABELS, LABELS);
            agent.awaitAck(1);
            agent.batch(5, LABELS, LABELS); // skips ahead: the stream is refused, one line naming job and worker
            assertEquals(Status.Code.OUT_OF_RANGE, agent.awaitEnd().getCode());
        }
        collector.close();
        synchronized (lines) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("forged line\\u001B[31m")
                    || l.contains("forged line\\u001b[31m")), String.join("\n", lines));
            for (String line : lines) {
                for (char c : line.toCharArray()) {
                    assertFalse(Character.isISOControl(c), "control character " + (int) c + " in " + line);
                }
            }
        }
        try (var files = Files.list(dir)) {
            List<Path> written = files.toList();
            assertEquals(ids.size(), written.size(), written.toString());
        }
        for (String id : ids) {
            Path file = ReportFiles.fileFor(dir, id);
            assertEquals(dir, file.getParent());
            String json = Files.readString(file);
            assertTrue(json.contains(new ObjectMapper().writeValueAsString(id)),
                    "the file of " + id.substring(0, Math.min(20, id.length())) + " holds its own report");
        }
    }
}
