package dev.skewguard.collector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.options.ServerOptionsBuilder;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.proto.v1.Batch;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A served job's report, version 2: its timestamps and the frameworks whose batches were counted. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReportTimelineTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private CollectorServer collector;

    private void start(ServerOptionsBuilder options) throws Exception {
        collector = CollectorServer.start(options.port(0).log(log::add).build());
    }

    private TestAgent agent() {
        ManagedChannel channel = TestAgent.channel(collector.port());
        channels.add(channel);
        return TestAgent.on(channel);
    }

    private JsonNode report() {
        return ReportSchema.validated(collector.reportJson("job").orElseThrow());
    }

    @AfterEach
    void close() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        if (collector != null) {
            collector.close();
        }
    }

    private static Batch named(long sequence, String framework, String labelsName) {
        int[] balanced = TestAgent.concat(TestAgent.repeat(0, 5), TestAgent.repeat(1, 5));
        return Batch.newBuilder().setSequence(sequence).setStep(sequence)
                .setMode(dev.skewguard.proto.v1.Mode.MODE_TRAIN).setFramework(framework)
                .addTensors(TestAgent.classIds(labelsName, balanced)).build();
    }

    @Test
    void timestampsFollowTheJobFromStartToTriggerToDecision() throws Exception {
        Instant before = Instant.now();
        start(ServerOptions.builder().patience(Patience.NONE));
        TestAgent agent = agent();
        agent.hello("job", "w0", "i0");
        JsonNode hello = report();
        Instant started = Instant.parse(hello.get("timestamps").get("started").asText());
        assertFalse(started.isBefore(before.minusSeconds(1)), started + " vs " + before);
        assertTrue(hello.get("timestamps").get("first_trigger").isNull());
        assertTrue(hello.get("timestamps").get("stop_decision").isNull());

        agent.batch(1, CollectorServerTest.SKEWED, CollectorServerTest.SKEWED);
        agent.awaitAck(1);
        JsonNode fired = report();
        JsonNode times = fired.get("timestamps");
        Instant trigger = Instant.parse(times.get("first_trigger").asText());
        Instant decision = Instant.parse(times.get("stop_decision").asText());
        assertFalse(trigger.isBefore(started));
        assertEquals(trigger, decision, "no patience: decided on the triggering batch");
        assertFalse(Instant.parse(times.get("updated").asText()).isBefore(trigger));
        assertEquals(99.0, fired.get("finding").get("ratio").asDouble());
        assertEquals("w0", fired.get("finding").get("worker").asText());
        assertEquals("w0", fired.get("stop_decision").get("worker").asText());
    }

    @Test
    void frameworksAreThoseWhoseBatchesWereCountedNotThoseTheHelloEnabled() throws Exception {
        start(ServerOptions.builder());
        TestAgent agent = agent();
        agent.hello("job", "w0", "i0"); // its Hello enables "methods"
        assertEquals(0, report().get("frameworks").size(), "enabled, nothing captured yet");
        agent.batches(named(1, "tensorflow", "labels:0"), named(2, "", "dl4j/train/labels"),
                named(3, "", "labels:0"), named(4, "tensorflow", "labels:0"));
        agent.awaitAck(4);
        JsonNode frameworks = report().get("frameworks");
        assertEquals(2, frameworks.size(), "not the Hello's \"methods\": " + frameworks);
        assertEquals("tensorflow", frameworks.get(0).asText(), "Batch.framework");
        assertEquals("dl4j", frameworks.get(1).asText(), "no Batch.framework: the tensor name's");
    }

    @Test
    void aJobRestoredFromTheStateDirKeepsItsTimesAndFrameworks(@TempDir Path dir) throws Exception {
        ServerOptionsBuilder options = ServerOptions.builder().stateDir(dir);
        start(options);
        TestAgent agent = agent();
        agent.hello("job", "w0", "i0");
        agent.batch(1, CollectorServerTest.SKEWED, CollectorServerTest.SKEWED);
        agent.awaitAck(1);
        JsonNode before = report();
        close();
        channels.clear();
        start(options);
        JsonNode after = report();
        assertEquals(before.get("timestamps").get("started"), after.get("timestamps").get("started"));
        assertEquals(before.get("timestamps").get("first_trigger"), after.get("timestamps").get("first_trigger"));
        assertEquals(before.get("frameworks"), after.get("frameworks"));
        assertEquals("methods", after.get("frameworks").get(0).asText());
    }
}
