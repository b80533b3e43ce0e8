package dev.skewguard.collector.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExposureTest {
    @Test
    void loopbackNeedsNothing() {
        assertDoesNotThrow(() -> Exposure.check("127.0.0.1", false, false, false));
        assertDoesNotThrow(() -> Exposure.check("localhost", false, false, false));
        assertDoesNotThrow(() -> Exposure.check("::1", false, false, false));
    }

    @Test
    void beyondLoopbackNeedsTlsAndTokensOrInsecure() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Exposure.check("0.0.0.0", false, false, false));
        assertTrue(none.getMessage().startsWith("--bind 0.0.0.0 listens beyond this machine without TLS and tokens"),
                none.getMessage());
        assertTrue(none.getMessage().contains("--insecure"), none.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Exposure.check("0.0.0.0", true, false, false))
                .getMessage().contains("without tokens"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Exposure.check("0.0.0.0", false, true, false))
                .getMessage().contains("without TLS:"));
        assertDoesNotThrow(() -> Exposure.check("0.0.0.0", true, true, false));
        assertDoesNotThrow(() -> Exposure.check("0.0.0.0", false, false, true));
    }
}
