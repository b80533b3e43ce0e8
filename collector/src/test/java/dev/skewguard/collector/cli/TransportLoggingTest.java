package dev.skewguard.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class TransportLoggingTest {
    @Test
    void aRecordWithAStackTraceBecomesOneLine() {
        LogRecord record = new LogRecord(Level.WARNING, "Stream Error");
        record.setThrown(new IOException("Connection reset by peer"));
        String text = new TransportLogging.OneLine().format(record);
        assertEquals("skewguard: transport WARNING: Stream Error (IOException: Connection reset by peer)"
                + System.lineSeparator(), text);
    }
}
