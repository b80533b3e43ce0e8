package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.agent.capture.BatchQueue;
import dev.skewguard.agent.config.AgentConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * connect_early: the sender connects when the framework loads, before any batch is captured, so that the connection
 * is up when training starts; one that never reached the collector and captured nothing has nothing to flush.
 */
class ConnectEarlyTest {
    private static final Runnable NOTHING = () -> { };

    @Test
    void theSenderSaysHelloBeforeAnyBatchIsCaptured() throws Exception {
        try (FakeCollector collector = FakeCollector.onFreePort()) {
            collector.start();
            AgentConfig config = AgentConfig.builder().endpoint(collector.endpoint()).job("early").worker("w")
                    .flushTimeoutSeconds(5).build();
            BatchQueue queue = new BatchQueue(1024, false, NOTHING);
            SenderStarter starter = new SenderStarter(config, queue);
            starter.connectEarly(List.of("methods"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (collector.welcomes() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, collector.welcomes(), "welcomed with no batch captured");
            assertEquals(0, queue.offeredTotal());
            starter.stop();
            assertTrue(starter.lifecycle().everConnected());
        }
    }

    @Test
    void aSenderThatNeverReachedTheCollectorAndCapturedNothingHasNothingToFlush() throws Exception {
        try (FakeCollector collector = FakeCollector.onFreePort()) { // never started: nothing listens
            AgentConfig config = AgentConfig.builder().endpoint(collector.endpoint()).job("early").worker("w")
                    .flushTimeoutSeconds(30).build();
            BatchQueue queue = new BatchQueue(1024, false, NOTHING);
            SenderStarter starter = new SenderStarter(config, queue);
            starter.connectEarly(List.of("methods"));
            Thread.sleep(500); // it has tried, and failed
            long start = System.nanoTime();
            starter.stop();
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMillis < 5_000, "the exit waited " + tookMillis + " ms for nothing (flush_timeout 30 s)");
        }
    }
}
