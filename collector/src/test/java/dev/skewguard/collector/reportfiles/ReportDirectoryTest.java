package dev.skewguard.collector.reportfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --report-dir is checked at start; what is wrong with it is said in words, with what to do. */
class ReportDirectoryTest {
    @Test
    void aMissingDirectoryIsCreatedAndLeftEmpty(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("a/b");
        ReportDirectory.prepare(dir);
        assertTrue(Files.isDirectory(dir));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the probe file is removed");
        }
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsSaid(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        IOException e = assertThrows(IOException.class, () -> ReportDirectory.prepare(file));
        assertEquals("cannot write reports to " + file + " (--report-dir): " + file + " is a file, not a directory: "
                + "give a directory path (it is created if missing)", e.getMessage());
    }

    @Test
    void aDirectoryThisUserCannotWriteIsSaid(@TempDir Path tmp) throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path dir = Files.createDirectory(tmp.resolve("ro"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        IOException e = assertThrows(IOException.class, () -> ReportDirectory.prepare(dir));
        assertTrue(e.getMessage().contains("(--report-dir): permission denied on "), e.getMessage());
    }

    @Test
    void eachKindOfFailureIsWordedWithWhatToDo() {
        String user = System.getProperty("user.name");
        assertEquals("permission denied on /r: give a directory the user running the collector (" + user
                + ") can write, or change its permissions", ReportDirectory.why(new AccessDeniedException("/r")));
        assertEquals("Read-only file system (/r): give a writable directory",
                ReportDirectory.why(new FileSystemException("/r", null, "Read-only file system")));
        assertEquals("no such file or directory: /r: give an existing path",
                ReportDirectory.why(new NoSuchFileException("/r")));
        assertEquals("java.io.IOException: disk on fire: give a writable directory",
                ReportDirectory.why(new IOException("disk on fire")));
    }
}
