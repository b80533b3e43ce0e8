package dev.skewguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointTest {
    private final List<String> notes = new ArrayList<>();

    private String parse(String value) {
        return Endpoint.parse(value, notes);
    }

    private String refused(String value) {
        return assertThrows(IllegalArgumentException.class, () -> parse(value)).getMessage();
    }

    @Test
    void hostPortAndHttpAreTheSameEndpoint() {
        assertEquals("collector:4910", parse("collector:4910"));
        assertEquals("collector:4910", parse("http://collector:4910"));
        assertEquals("collector:4910", parse("HTTP://collector:4910/"));
        assertEquals("10.0.0.7:5000", parse(" 10.0.0.7:5000 "));
        assertEquals("[::1]:4911", parse("[::1]:4911"));
        assertTrue(notes.isEmpty(), notes.toString());
    }

    @Test
    void aHostWithoutPortGetsTheDefaultPortAndOneLine() {
        assertEquals("collector:4910", parse("collector"));
        assertEquals("[::1]:4910", parse("http://[::1]"));
        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("endpoint=collector has no port: the agent uses collector:4910"),
                notes.get(0));
    }

    @Test
    void everyOtherFormIsRefusedWithTheFix() {
        assertEquals("write endpoint=collector:4910 (no https://) and, for TLS, tls=true (or tls_ca=FILE, "
                + "tls_pin=SHA256)",
                refused("https://collector:4910/"));
        assertTrue(refused("grpc://collector:4910").startsWith("unsupported scheme 'grpc://'"));
        assertTrue(refused("collector:4910/stream").startsWith("a path is not part of the endpoint"));
        assertEquals("port 'x' is not a number from 1 to 65535", refused("collector:x"));
        assertEquals("port '70000' is not a number from 1 to 65535", refused("collector:70000"));
        assertEquals("port '' is not a number from 1 to 65535", refused("collector:"));
        assertTrue(refused(":4910").startsWith("no host before ':'"));
        assertTrue(refused("::1").startsWith("write an IPv6 address in brackets"));
        assertTrue(refused("[::1").contains("does not close it"));
        assertTrue(refused("coll ector:4910").contains("is not a host name"));
        assertTrue(refused("").startsWith("expected host:port"));
        assertTrue(notes.isEmpty(), notes.toString());
    }
}
