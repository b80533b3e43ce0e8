package dev.skewguard.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.logging.CollectorLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve's TLS, token and --insecure options: mistakes are one usage line, exit status 2; nothing listens. */
class ServeSecurityOptionsTest {
    private final StringWriter err = new StringWriter();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private int serve(String... args) {
        CommandLine command = new CommandLine(new ServeCommand(server -> {
            throw new AssertionError("the collector must not start");
        }, CollectorLog.lines(lines::add)));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void aBindBeyondLoopbackWithoutTlsAndTokensIsRefused() {
        assertEquals(CollectorMain.EXIT_USAGE, serve("--bind", "0.0.0.0", "--port", "0"));
        assertTrue(err.toString().contains("--bind 0.0.0.0 listens beyond this machine without TLS and tokens"),
                err.toString());
    }

    @Test
    void halfATlsSettingIsRefused(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        assertEquals(CollectorMain.EXIT_USAGE, serve("--port", "0", "--tls-cert", cert.toString()));
        assertTrue(err.toString().contains("--tls-cert and --tls-key go together"), err.toString());
        assertEquals(CollectorMain.EXIT_USAGE, serve("--port", "0", "--tls-cert", cert.toString(), "--tls-key",
                dir.resolve("missing.pem").toString()));
        assertTrue(err.toString().contains("--tls-key " + dir.resolve("missing.pem") + " is not a readable file"),
                err.toString());
    }

    @Test
    void filesThatAreNoCertificateAndKeyAreOneLine(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "not a certificate");
        Path key = Files.writeString(dir.resolve("k.pem"), "not a key");
        assertEquals(CollectorMain.EXIT_USAGE, serve("--port", "0", "--tls-cert", cert.toString(), "--tls-key",
                key.toString()));
        String all = err + String.join("\n", lines);
        assertTrue(all.contains("cannot use --tls-cert " + cert + " and --tls-key " + key), all);
        assertFalse(all.contains("\tat "), "no stack trace: " + all);
    }

    @Test
    void aBadTokensFileNamesTheLineNotTheToken(@TempDir Path dir) throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens"), "tooshort-secret job\n");
        assertEquals(CollectorMain.EXIT_USAGE, serve("--port", "0", "--tokens-file", tokens.toString()));
        assertTrue(err.toString().contains("line 1: the token is shorter than 16 characters"), err.toString());
        assertFalse(err.toString().contains("tooshort-secret"), err.toString());
    }
}
