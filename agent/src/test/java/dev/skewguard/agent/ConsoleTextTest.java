package dev.skewguard.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ConsoleTextTest {
    @Test
    void controlCharactersBackslashAndLineSeparatorsAreEscapedTheRestIsKept() {
        assertEquals("a\\nb\\r\\tc\\\\d\\u0007e\\u001b[2J\\u007f\\u0085\\u2028\\u2029 é ✓",
                ConsoleText.escape("a\nb\r\tc\\d\u0007e\u001b[2J\u007f\u0085\u2028\u2029 é ✓"));
    }

    @Test
    void plainTextIsReturnedAsItIs() {
        String plain = "methods spec 'com.acme.T#step:labels=arg0'";
        assertSame(plain, ConsoleText.escape(plain));
    }
}
