package dev.skewguard.it.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No collector for the whole run: the program completes exactly as without the agent, with one warning line (and
 * one more if the buffer filled and batches were dropped).
 */
class CollectorDownIT {

    /** The JVM's one line when a jar is added to the bootstrap class path (the agent's, by default). */
    static final String BOOTSTRAP_APPENDED =
            "VM warning: Sharing is only supported for boot loader classes because bootstrap classpath has been appended";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.skewguard.it.support.Jdk#all")
    void programCompletesUnchangedWithOneWarning(Jdk jdk) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closedPort = s.getLocalPort();
        }
        String[] args = {"--epochs", "30", "--batch-delay-ms", "1"};
        ChildResult without = ChildJvm.on(jdk).jar(ItPaths.plainJar()).args(args).run(Duration.ofSeconds(90));
        assertEquals(0, without.exitCode(), without.describe());
        for (String bootstrap : List.of("true", "false")) {
            ChildResult with = ChildJvm.on(jdk)
                    .agent("endpoint=127.0.0.1:" + closedPort + ",job=down,bootstrap=" + bootstrap + ",methods="
                            + PlainExample.METHODS)
                    .jar(ItPaths.plainJar()).args(args).run(Duration.ofSeconds(90));

            assertEquals(0, with.exitCode(), with.describe());
            assertEquals(without.stdoutLines(), with.stdoutLines());
            // One warning that the collector is unreachable; and, if the buffer filled meanwhile, one that batches
            // are being dropped.
            List<String> warnings = with.agentWarnings();
            assertTrue(warnings.get(0).contains("collector at 127.0.0.1:" + closedPort + " unreachable"),
                    warnings.get(0));
            assertTrue(warnings.size() == 1 || (warnings.size() == 2
                    && warnings.get(1).startsWith("[skewguard] WARN dropping captured batches: the buffer"
                            + " (buffer=1024) is full")), with.describe());
            // Nothing but the agent's own lines on stderr (no stack trace), and with the agent on the bootstrap
            // class path the JVM's one line that says so.
            long jvmLines = with.stderrLines().stream().filter(l -> l.endsWith(BOOTSTRAP_APPENDED)).count();
            assertEquals(bootstrap.equals("true") ? 1 : 0, jvmLines, "bootstrap=" + bootstrap + ": " + with.describe());
            assertTrue(with.stderrLines().stream().allMatch(l -> l.startsWith("[skewguard] ")
                            || l.endsWith(BOOTSTRAP_APPENDED)),
                    "nothing but the agent's own lines on stderr (no stack trace): " + with.describe());
        }
    }
}
