package dev.skewguard.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a log file (a child process's output, appended to) gained after a point: whether a line has appeared yet, read
 * a little at a time while the child runs, and the whole of it up to the point the child ended ({@link #end()}; later
 * runs append to the same log).
 */
final class LogTail {
    private final Path log;
    private final long from;
    private long readUpTo;
    /** Where the text ends, once {@link #end()} said so; -1 until then. */
    private long to = -1;
    /** The end of what was read last, as long as a marker could be cut in two by the next read. */
    private String carry = "";

    private LogTail(Path log, long from) {
        this.log = log;
        this.from = from;
        this.readUpTo = from;
    }

    /** Follows {@code log} from its present end (from its start if it does not exist yet). */
    static LogTail fromEnd(Path log) throws IOException {
        return new LogTail(log, Files.exists(log) ? Files.size(log) : 0);
    }

    /**
     * Whether {@code marker} appears in what the log gained since the last call (or since it was followed); reads
     * only the new bytes. False when the log cannot be read.
     */
    boolean sawSinceLastCall(String marker) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long end = file.length();
            if (end <= readUpTo) {
                return false;
            }
            byte[] bytes = new byte[(int) Math.min(end - readUpTo, 1 << 20)];
            file.seek(readUpTo);
            file.readFully(bytes);
            readUpTo += bytes.length;
            String text = carry + new String(bytes, StandardCharsets.UTF_8);
            carry = text.substring(Math.max(0, text.length() - marker.length() + 1));
            return text.contains(marker);
        } catch (IOException e) {
            return false;
        }
    }

    /** Marks the log's present end as the end of the text (the child ended); returns this. */
    LogTail end() {
        try {
            to = Files.exists(log) ? Files.size(log) : from;
        } catch (IOException e) {
            to = from;
        }
        return this;
    }

    /**
     * What the log gained since it was followed, up to {@link #end()} (to its present end before that); empty when
     * it cannot be read.
     */
    String text() {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long until = to >= 0 ? Math.min(to, file.length()) : file.length();
            byte[] bytes = new byte[(int) Math.max(0, Math.min(until - from, Integer.MAX_VALUE - 8))];
            file.seek(from);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
