package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.agent.capture.BatchQueue;
import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.capture.CapturedBatch;
import dev.skewguard.agent.config.AgentConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real sender against a collector ({@link FakeCollector}) that is not there when the first batch is captured,
 * or goes away and comes back: it connects within a few seconds of the collector listening again, however long the
 * collector was away, and at exit it keeps trying until flush_timeout.
 */
class SenderReconnectTest {
    /** How soon after the collector listens again the sender must have its Welcome. */
    private static final long WITHIN_NANOS = TimeUnit.MILLISECONDS.toNanos(Backoff.MAX_MILLIS + 1_500);

    private static final Runnable NOTHING = () -> { };

    private static CapturedBatch batch() {
        return CapturedBatch.ofClasses("methods", CaptureMode.TRAIN, 1, new int[] {0, 1}, new int[] {0, 1});
    }

    /** A started sender (thread, lifecycle and queue) as SenderStarter makes it. */
    private record Sender(Thread thread, SenderLifecycle life, BatchQueue queue) {
        static Sender start(String endpoint, double flushTimeoutSeconds) {
            AgentConfig config = AgentConfig.builder().endpoint(endpoint).job("reconnect-test").worker("w")
                    .flushTimeoutSeconds(flushTimeoutSeconds).build();
            BatchQueue queue = new BatchQueue(1024, false, NOTHING);
            SenderLifecycle life = new SenderLifecycle(config.flushTimeoutSeconds(), config.endpoint(), queue);
            Exporter exporter = new Exporter(config, () -> List.of("methods"), queue, life);
            queue.offer(batch());
            Thread thread = new Thread(exporter::run, "test-sender");
            thread.setDaemon(true);
            life.sender(thread);
            queue.setWakeUp(life::wakeUp);
            life.firstBatch();
            thread.start();
            return new Sender(thread, life, queue);
        }
    }

    @Test
    void aSenderWhoseFirstConnectionWasRefusedConnectsSoonAfterTheCollectorComesUp() throws Exception {
        try (FakeCollector collector = FakeCollector.onFreePort()) {
            Sender sender = Sender.start(collector.endpoint(), 30);
            // Refused for long enough that an unbounded backoff (ours, or gRPC's own up to 120 s) would have grown
            // well past the bound.
            Thread.sleep(6_000);
            assertEquals(0, collector.welcomes());
            for (int i = 0; i < 20; i++) {
                sender.queue().offer(batch());
            }
            collector.start();
            long up = System.nanoTime();
            awaitWelcome(collector, up);
            awaitCounted(collector, 21);
            assertTrue(sender.life().everConnected());
            sender.life().flushAtExit();
            sender.thread().join(5_000);
            assertFalse(sender.thread().isAlive());
            assertEquals(21, collector.counted());
        }
    }

    @Test
    void theExitFlushKeepsTryingACollectorItNeverReachedUntilFlushTimeout() throws Exception {
        try (FakeCollector collector = FakeCollector.onFreePort()) {
            Sender sender = Sender.start(collector.endpoint(), 20);
            Thread.sleep(1_500);
            for (int i = 0; i < 9; i++) {
                sender.queue().offer(batch());
            }
            sender.queue().close();
            Thread exit = new Thread(sender.life()::flushAtExit, "test-exit");
            exit.start();
            Thread.sleep(3_000);
            assertTrue(sender.thread().isAlive(), "the sender gave up before flush_timeout");
            collector.start();
            long up = System.nanoTime();
            exit.join(15_000);
            assertFalse(exit.isAlive(), "the exit flush did not end after the collector came up");
            assertTrue(collector.firstWelcomeNanos() - up < WITHIN_NANOS, "connected only "
                    + TimeUnit.NANOSECONDS.toMillis(collector.firstWelcomeNanos() - up) + " ms after it came up");
            assertEquals(10, collector.counted());
        }
    }

    @Test
    void aSenderReconnectsSoonAfterEachOfSeveralOutagesOfTheCollector() throws Exception {
        try (FakeCollector collector = FakeCollector.onFreePort()) {
            collector.start();
            Sender sender = Sender.start(collector.endpoint(), 30);
            awaitCounted(collector, 1);
            int sent = 1;
            for (int outage = 0; outage < 3; outage++) {
                collector.stop();
                for (int i = 0; i < 5; i++) {
                    sender.queue().offer(batch());
                    sent++;
                    Thread.sleep(400);
                }
                int welcomesBefore = collector.welcomes();
                collector.start();
                long up = System.nanoTime();
                awaitCounted(collector, sent);
                assertTrue(collector.welcomes() > welcomesBefore);
                assertTrue(System.nanoTime() - up < WITHIN_NANOS, "outage " + outage + ": reconnected only "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - up) + " ms after the collector came up");
            }
            sender.life().flushAtExit();
            assertEquals(sent, collector.counted());
        }
    }

    private static void awaitWelcome(FakeCollector collector, long up) throws InterruptedException {
        while (collector.welcomes() == 0 && System.nanoTime() - up < 2 * WITHIN_NANOS) {
            Thread.sleep(20);
        }
        assertTrue(collector.welcomes() > 0, "no Welcome within " + TimeUnit.NANOSECONDS.toMillis(2 * WITHIN_NANOS)
                + " ms of the collector coming up");
        long after = collector.firstWelcomeNanos() - up;
        assertTrue(after < WITHIN_NANOS, "connected only " + TimeUnit.NANOSECONDS.toMillis(after)
                + " ms after the collector came up");
    }

    private static void awaitCounted(FakeCollector collector, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (collector.counted() < n && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        assertEquals(n, collector.counted(), "batches counted");
    }
}
