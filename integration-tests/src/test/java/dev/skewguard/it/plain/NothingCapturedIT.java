package dev.skewguard.it.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An instrumented class loads (so the sender warms up) but nothing is ever captured: the agent says nothing about
 * sending at exit (only its summary and the spec that matched no method) and does not delay the exit, however long
 * flush_timeout is. With connect_early=false it connects to nothing; by default, with methods=, it connects at JVM
 * start (and still does not wait at exit for a collector that never answered).
 */
class NothingCapturedIT {
    /** The example's class matches, a method it never calls does not. */
    private static final String NEVER_CALLED =
            "dev.skewguard.examples.plain.SoftmaxRegression#neverCalled:labels=arg0,predictions=return";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.skewguard.it.support.Jdk#all")
    void warmedUpSenderNeitherConnectsNorDelaysTheExit(Jdk jdk, @TempDir Path dir) throws Exception {
        Path classLog = dir.resolve("classes.log");
        String[] args = {"--epochs", "3"};
        try (ServerSocket collector = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ChildResult without = ChildJvm.on(jdk).jar(ItPaths.plainJar()).args(args).run(Duration.ofSeconds(90));
            // flush_timeout far above the run's time limit: an exit that waited for it would time the run out.
            ChildResult with = ChildJvm.on(jdk)
                    .jvmArg("-Xlog:class+load:file=" + classLog)
                    .agent("endpoint=127.0.0.1:" + collector.getLocalPort() + ",job=idle,flush_timeout=600,"
                            + "connect_early=false,methods=" + NEVER_CALLED)
                    .jar(ItPaths.plainJar()).args(args).run(Duration.ofSeconds(90));

            assertEquals(0, without.exitCode(), without.describe());
            assertEquals(0, with.exitCode(), with.describe());
            assertEquals(without.stdoutLines(), with.stdoutLines());
            // At exit: the summary (nothing captured), the spec that matched no method, and nothing about sending.
            assertTrue(with.stderrLines().contains("[skewguard] INFO exit: methods: 0 batches captured, 0 sent, 0"
                    + " counted by the collector, 0 dropped"), with.describe());
            assertTrue(with.stderrLines().stream().anyMatch(l -> l.startsWith("[skewguard] WARN exit: methods spec '"
                    + NEVER_CALLED + "' matched no class or method: class dev.skewguard.examples.plain.SoftmaxRegression"
                    + " declares no method neverCalled")), with.describe());
            assertTrue(with.stderrLines().stream().noneMatch(l -> l.contains("not confirmed")
                    || l.contains("unreachable")), with.describe());
            // The sender did start its warm-up (the exporter loads first; the JVM may end before the warm-up does)...
            assertTrue(Files.readString(classLog).contains("dev.skewguard.agent.export.Exporter "),
                    "no warm-up in the child");
            // ...and opened no connection (a completed handshake would wait in the backlog even after the exit).
            collector.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, collector::accept, "the agent connected: " + with.describe());
        }
    }

    /** A class the program never loads. */
    private static final String NEVER_LOADED =
            "dev.skewguard.examples.plain.NeverLoaded#train:labels=arg0,predictions=return";

    /**
     * methods= names the program's own methods: the sender connects at JVM start, before the class of any method
     * named loads (here none ever does). The collector is a socket that accepts and never answers: the exit does not
     * wait for it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.skewguard.it.support.Jdk#all")
    void withMethodsTheSenderConnectsAtStartAndStillDoesNotDelayTheExit(Jdk jdk) throws Exception {
        try (ServerSocket collector = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // About 10 s of training (50 batches an epoch, 10 ms each): the connection comes long before the end.
            ChildJvm child = ChildJvm.on(jdk)
                    .agent("endpoint=127.0.0.1:" + collector.getLocalPort() + ",job=idle-early,flush_timeout=600,"
                            + "methods=" + NEVER_LOADED)
                    .jar(ItPaths.plainJar()).args("--epochs", "20", "--batch-delay-ms", "10");
            try (ChildJvm.Running running = child.start()) {
                collector.setSoTimeout(60_000);
                try (Socket connection = collector.accept()) {
                    assertTrue(running.isAlive(), "the agent connected only as the program ended");
                    // The connection stays open, unanswered, until the program ends.
                    ChildResult result = running.awaitExit(Duration.ofSeconds(90));
                    assertEquals(0, result.exitCode(), result.describe());
                    assertTrue(result.stderrLines().stream().anyMatch(l -> l.startsWith("[skewguard] WARN exit: methods"
                            + " spec '" + NEVER_LOADED + "' matched no class or method: class"
                            + " dev.skewguard.examples.plain.NeverLoaded never loaded")), result.describe());
                    assertTrue(result.stderrLines().stream().noneMatch(l -> l.contains("not confirmed")
                            || l.contains("unreachable")), result.describe());
                }
            }
        }
    }
}
