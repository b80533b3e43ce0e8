package dev.skewguard.collector.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Client text in a log line: quoted, and nothing in it can end the line or forge another. */
class LogTextTest {
    @Test
    void controlCharactersQuotesAndBackslashesAreEscaped() {
        assertEquals("\"job\"", LogText.quote("job"));
        assertEquals("\"a\\\"b\\\\c\\nINFO  forged\\r\\u001B[2J\"", LogText.quote("a\"b\\c\nINFO  forged\r\u001b[2J"));
        assertEquals("naïve ünïcode", LogText.escape("naïve ünïcode"));
    }
}
