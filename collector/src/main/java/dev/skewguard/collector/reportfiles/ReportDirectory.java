package dev.skewguard.collector.reportfiles;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code --report-dir}, checked at start: created if missing, and a file is written into it and removed again,
 * so that a directory the collector cannot write is one line at start (why, and what to do), not a failure at the
 * first report.
 */
final class ReportDirectory {
    private ReportDirectory() {
    }

    /**
     * @throws IOException whose message is the one line to print: "cannot write reports to DIR (--report-dir):
     *     why: what to do"
     */
    static void prepare(Path dir) throws IOException {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new FileAlreadyExistsException(dir.toString());
            }
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".skewguard-probe-", ".tmp"));
        } catch (IOException e) {
            throw new IOException("cannot write reports to " + dir + " (--report-dir): " + why(e), e);
        }
    }

    /** Why, and what to do, in words. */
    static String why(IOException e) {
        String file = e instanceof FileSystemException && ((FileSystemException) e).getFile() != null
                ? ((FileSystemException) e).getFile() : null;
        if (e instanceof FileAlreadyExistsException) {
            return file + " is a file, not a directory: give a directory path (it is created if missing)";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied" + (file != null ? " on " + file : "") + ": give a directory the user "
                    + "running the collector (" + System.getProperty("user.name") + ") can write, or change its "
                    + "permissions";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory" + (file != null ? ": " + file : "") + ": give an existing path";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            String reason = ((FileSystemException) e).getReason();
            return reason + (file != null ? " (" + file + ")" : "") + ": give a writable directory";
        }
        return e + ": give a writable directory";
    }
}
