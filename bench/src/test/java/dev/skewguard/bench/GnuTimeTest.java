package dev.skewguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GnuTimeTest {

    @Test
    void userAndSystemSecondsAddUpInMilliseconds() {
        assertEquals(1830.0, GnuTime.cpuMillis("1.52 0.31\n"), 1e-9);
        // A child that failed: GNU time writes a status line first.
        assertEquals(250.0, GnuTime.cpuMillis("Command exited with non-zero status 3\n0.20 0.05\n"), 1e-9);
    }

    @Test
    void somethingElseIsAnError() {
        assertThrows(RuntimeException.class, () -> GnuTime.cpuMillis(""));
        assertThrows(NumberFormatException.class, () -> GnuTime.cpuMillis("a b"));
    }

    @Test
    void wrapsTheCommandWhenGnuTimeIsThere() {
        List<String> command = List.of("java", "-version");
        List<String> wrapped = new GnuTime(Path.of("/tmp/t.txt")).wrap(command);
        if (GnuTime.available()) {
            assertEquals(List.of("/usr/bin/time", "-f", "%U %S", "-o", "/tmp/t.txt", "java", "-version"), wrapped);
            assertTrue(GnuTime.wraps(wrapped));
        } else {
            assertEquals(command, wrapped);
        }
        assertFalse(GnuTime.wraps(command));
        assertFalse(GnuTime.wraps(List.of()));
    }
}
