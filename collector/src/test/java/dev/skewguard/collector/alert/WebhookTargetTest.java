package dev.skewguard.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookTargetTest {
    @TempDir
    Path dir;

    private Path secret(String text) throws Exception {
        return Files.writeString(dir.resolve("secret"), text);
    }

    @Test
    void plainHttpIsRefusedBeyondLoopbackUnlessAllowed() throws Exception {
        Path s = secret("abc\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebhookTarget.of("http://alerts.example.com/hook", s, false));
        assertEquals("--webhook-url http://alerts.example.com/hook is plain http beyond this machine: use https, or "
                + "add --webhook-allow-http if the network path is trusted", e.getMessage());
        assertEquals("http://alerts.example.com/hook", WebhookTarget.of("http://alerts.example.com/hook", s, true)
                .describe());
        WebhookTarget.of("https://alerts.example.com/hook", s, false);
        WebhookTarget.of("http://127.0.0.1:9/hook", s, false);
        WebhookTarget.of("http://[::1]:9/hook", s, false);
        WebhookTarget.of("http://localhost:9/hook", s, false);
        assertThrows(IllegalArgumentException.class, () -> WebhookTarget.of("http://10.0.0.1/hook", s, false));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WebhookTarget.of("ftp://x/hook", s, true))
                .getMessage().contains("must be an http or https URL with a host"));
    }

    @Test
    void theSecretIsTheFileWithoutItsFinalNewline() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        WebhookTarget target = WebhookTarget.of("https://h/x", secret("abc\r\n"), false);
        assertEquals(WebhookSignature.sign("abc".getBytes(StandardCharsets.UTF_8), body), target.sign(body));
        // Known HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog") (RFC 4231 style test vector).
        assertEquals("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
                WebhookSignature.sign("key".getBytes(StandardCharsets.UTF_8),
                        "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> WebhookTarget.of("https://h/x", secret("\n"), false)).getMessage().contains("is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> WebhookTarget.of("https://h/x", dir.resolve("none"), false)).getMessage()
                .endsWith(": no such file"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> WebhookTarget.of("https://h/x", null, false)).getMessage()
                .startsWith("--webhook-url needs --webhook-secret-file"));
    }

    @Test
    void theUrlInLinesLeavesItsQueryOut() throws Exception {
        assertEquals("https://h:8443/x/y", WebhookTarget.of("https://h:8443/x/y?token=t", secret("a"), false)
                .describe());
    }
}
