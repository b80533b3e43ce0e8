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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code block_when_full=true} with no collector: the training waits at most {@code block_timeout} for room, then
 * goes on and drops (it does not hang); the unreachable line says the training waits, the drop line says why, and
 * the exit lines count what was dropped and what was never confirmed, which add up to what the program produced.
 */
class BlockWhenFullIT {

    @Test
    void trainingWaitsAtMostBlockTimeoutThenDropsAndEveryLineSaysSo() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closedPort = s.getLocalPort();
        }
        // Long enough for the first connection attempt to fail while the program trains.
        String[] args = {"--epochs", "5", "--batch-delay-ms", "5"};
        ChildResult without = ChildJvm.on(Jdk.current()).jar(ItPaths.plainJar()).args(args)
                .run(Duration.ofSeconds(60));
        ChildResult with = ChildJvm.on(Jdk.current())
                .agent("endpoint=127.0.0.1:" + closedPort + ",job=blocked,buffer=2,block_when_full=true,"
                        + "block_timeout=0.2,methods=" + PlainExample.METHODS)
                .jar(ItPaths.plainJar()).args(args).run(Duration.ofSeconds(90));

        assertEquals(0, with.exitCode(), with.describe());
        assertEquals(without.stdoutLines(), with.stdoutLines(), "the training ran to its end, unchanged");
        List<String> warnings = with.agentWarnings();
        assertEquals(2, warnings.size(), with.describe());
        String unreachable = warnings.stream().filter(l -> l.contains("unreachable")).findFirst().orElseThrow();
        assertTrue(unreachable.contains("while the buffer is full, training waits up to block_timeout=0.2 s for room"
                + " (block_when_full=true), then goes on and drops batches"), unreachable);
        assertTrue(warnings.contains("[skewguard] WARN dropping captured batches: the buffer (buffer=2) stayed full"
                + " for block_timeout=0.2 s (block_when_full=true): the collector is not taking them; until the"
                + " sender takes batches again training goes on without waiting, and the drops are counted"),
                with.describe());

        long produced = PlainExample.batches(with, "train") + PlainExample.batches(with, "eval");
        Matcher summary = Pattern.compile("^\\[skewguard] INFO exit: methods: (\\d+) batches captured, 0 sent, 0"
                + " counted by the collector, (\\d+) dropped$").matcher(line(with, "[skewguard] INFO exit: methods: "));
        assertTrue(summary.matches(), with.describe());
        assertEquals(produced, Long.parseLong(summary.group(1)), with.describe());
        long dropped = Long.parseLong(summary.group(2));
        assertTrue(dropped > 0, with.describe());
        assertEquals("[skewguard] INFO exit: " + dropped + " captured batches were dropped because the buffer"
                + " (buffer=2) was full", line(with, "[skewguard] INFO exit: " + dropped + " captured batches were"
                + " dropped"));
        assertEquals("[skewguard] INFO exit: " + (produced - dropped) + " captured batches were not confirmed by the"
                + " collector: the collector at 127.0.0.1:" + closedPort + " was unreachable until"
                + " flush_timeout=2 s ran out",
                line(with, "[skewguard] INFO exit: " + (produced - dropped) + " captured batches were not confirmed"));
    }

    private static String line(ChildResult r, String prefix) {
        return r.stderrLines().stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + prefix + " in\n" + r.describe()));
    }
}
