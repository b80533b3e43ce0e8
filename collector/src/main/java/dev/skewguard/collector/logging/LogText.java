package dev.skewguard.collector.logging;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Text a client sent (a job id, a worker id, a tensor name), made safe for one log line: quoted, with control
 * characters, quotes and backslashes escaped as in JSON, so that no client can break a line or forge another.
 */
public final class LogText {
    private LogText() {
    }

    /** {@code "text"}, escaped. */
    public static String quote(String text) {
        return '"' + escape(text) + '"';
    }

    /** {@code text} escaped, without quotes around it (for a message that holds client text). */
    public static String escape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text == null ? "null" : text));
    }
}
