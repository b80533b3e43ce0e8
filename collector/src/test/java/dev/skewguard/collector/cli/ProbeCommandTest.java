package dev.skewguard.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.server.CollectorServer;
import dev.skewguard.collector.options.ServerOptions;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code probe}: the container's health check asks the collector's gRPC health service. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProbeCommandTest {
    record Run(int status, String out, String err) {
    }

    static Run probe(String... args) {
        CommandLine cl = CollectorMain.commandLine(new ByteArrayInputStream(new byte[0]));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "probe";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = cl.execute(all);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void servingCollectorIs0ThenNotServingOnceClosedIs1() throws Exception {
        CollectorServer server = CollectorServer.start(ServerOptions.builder().port(0).quiet(true).build());
        int port = server.port();
        try {
            Run serving = probe("--port", "" + port, "--timeout", "10");
            assertEquals(0, serving.status(), serving.err());
            assertEquals("collector at 127.0.0.1:" + port + ": SERVING", serving.out().strip());
            assertEquals("", serving.err());
        } finally {
            server.close();
        }
        Run closed = probe("--port", "" + port, "--timeout", "10");
        assertEquals(1, closed.status(), closed.out());
        assertEquals("", closed.out());
        assertEquals(1, closed.err().strip().lines().count(), closed.err());
        assertTrue(closed.err().startsWith("collector at 127.0.0.1:" + port + " did not answer: UNAVAILABLE"),
                closed.err());
    }

    @Test
    void somethingElseOnThePortIsOneLineAndStatus1() throws Exception {
        // A port that accepts connections and never speaks HTTP/2: the probe gives up at its timeout.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Run r = probe("--port", "" + silent.getLocalPort(), "--timeout", "1");
            assertEquals(1, r.status(), r.out());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("did not answer: DEADLINE_EXCEEDED"), r.err());
        }
    }

    @Test
    void badPortIsUsageError() {
        Run r = probe("--port", "many");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("skewguard-collector probe: "), r.err());
    }
}
