package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.agent.capture.BatchQueue;
import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.capture.CapturedBatch;
import dev.skewguard.agent.config.AgentConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The sender's warm-up connects nothing; the first batch connects; an exit with nothing captured does not wait. */
class SenderWarmUpTest {
    private static final Runnable NOTHING = () -> { };

    private static AgentConfig config(int port, double flushTimeoutSeconds) {
        return AgentConfig.builder().endpoint("127.0.0.1:" + port).job("warm-up-test").worker("w")
                .flushTimeoutSeconds(flushTimeoutSeconds).build();
    }

    @Test
    void warmUpOpensNoConnectionAndTheFirstBatchDoes() throws Exception {
        try (ServerSocket collector = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AgentConfig config = config(collector.getLocalPort(), 0.3);
            BatchQueue queue = new BatchQueue(8, false, NOTHING);
            SenderLifecycle life = new SenderLifecycle(config.flushTimeoutSeconds(), config.endpoint(), queue);
            Exporter exporter = new Exporter(config, () -> List.of("methods"), queue, life);

            exporter.prepare();
            collector.setSoTimeout(500);
            assertThrows(SocketTimeoutException.class, collector::accept, "the warm-up connected to the collector");
            assertTrue(life.nothingToFlush());

            // The same sender, once a batch is captured, connects at once.
            queue.offer(CapturedBatch.ofClasses("methods", CaptureMode.TRAIN, 1, new int[] {0}, new int[] {0}));
            Thread sender = new Thread(exporter::run, "test-sender");
            sender.setDaemon(true);
            life.sender(sender);
            life.firstBatch();
            sender.start();
            collector.setSoTimeout(20_000);
            try (Socket connection = collector.accept()) {
                assertTrue(connection.isConnected());
                assertFalse(life.nothingToFlush());
                // This "collector" never answers: the exit flush gives up after flush_timeout and the sender ends.
                assertEnds(sender, life::flushAtExit, "the exit flush");
            }
        }
    }

    @Test
    void exitWithNothingCapturedDoesNotWaitForAWarmedUpSender() throws Exception {
        try (ServerSocket collector = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // A flush_timeout far longer than the test's bound: waiting for it would fail the test.
            AgentConfig config = config(collector.getLocalPort(), 60);
            BatchQueue queue = new BatchQueue(8, false, NOTHING);
            SenderStarter starter = new SenderStarter(config, queue);
            starter.warmUp(List.of("methods"));
            SenderLifecycle life = starter.lifecycle();
            assertTrue(life.nothingToFlush());
            assertTimeoutPreemptively(Duration.ofSeconds(5), life::flushAtExit);
            collector.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, collector::accept, "a sender with nothing to send connected");
            assertEquals(0, queue.size());
        }
    }

    @Test
    void stopEndsAStartedSenderAsTheExitWould() throws Exception {
        try (ServerSocket collector = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AgentConfig config = config(collector.getLocalPort(), 0.3);
            BatchQueue queue = new BatchQueue(8, false, NOTHING);
            SenderStarter starter = new SenderStarter(config, queue);
            queue.offer(CapturedBatch.ofClasses("methods", CaptureMode.TRAIN, 1, new int[] {0}, new int[] {0}));
            starter.start(List.of("methods"));
            collector.setSoTimeout(20_000);
            try (Socket connection = collector.accept()) {
                assertTrue(connection.isConnected());
                // This "collector" never answers: the sender gives up after flush_timeout and ends.
                assertEnds(starter.thread(), starter::stop, "stop()");
            }
        }
    }

    /** Runs {@code end} (at most 10 s) and checks that the sender thread then ends. */
    private static void assertEnds(Thread sender, Executable end, String what) throws InterruptedException {
        assertTimeoutPreemptively(Duration.ofSeconds(10), end);
        sender.join(10_000);
        assertFalse(sender.isAlive(), "the sender did not end after " + what);
    }

    @Test
    void preloadFindsTheListedClasses() {
        assertEquals("", SenderClasses.relocationPrefix());
        assertTrue(SenderClasses.preload(SenderClasses.class.getClassLoader(), () -> false) > 500,
                "most listed sender classes should exist");
        assertEquals(0, SenderClasses.preload(SenderClasses.class.getClassLoader(), () -> true),
                "the preload goes on after the first batch");
    }
}
