package dev.skewguard.collector.jsonl;

/** A JSON Lines line that is not a valid record; the message says what is wrong (without the line number). */
public final class MalformedRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedRecordException(String message) {
        super(message);
    }
}
