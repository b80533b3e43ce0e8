package dev.skewguard.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Transport records (java.util.logging) become the collector's one-line log events; causes stay on the line. */
class OneLineCauseTest {
    @Test
    void aThrowableBecomesOneShortPhraseOnTheSameLine() {
        Logger logger = (Logger) LoggerFactory.getLogger("test");
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.WARN, "Stream Error",
                new IOException("Connection reset\nby peer"), null);
        assertEquals(" (IOException: Connection reset\\nby peer)", new OneLineCause().convert(event));
        LoggingEvent plain = new LoggingEvent("fqcn", logger, Level.INFO, "fine", null, null);
        assertEquals("", new OneLineCause().convert(plain));
    }

    @Test
    void javaUtilLoggingRecordsReachSlf4jWithTheirLevel() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.setContext(context);
        events.start();
        root.addAppender(events);
        try {
            TransportLogging.toSlf4j();
            java.util.logging.Logger.getLogger("io.grpc.Test").log(java.util.logging.Level.WARNING, "Stream Error",
                    new IOException("reset"));
            assertEquals(1, events.list.size(), events.list.toString());
            ILoggingEvent event = events.list.get(0);
            assertEquals(Level.WARN, event.getLevel());
            assertEquals("Stream Error", event.getFormattedMessage());
            assertTrue(new OneLineCause().convert(event).contains("IOException: reset"));
        } finally {
            root.detachAppender(events);
        }
    }

    @Test
    void nettysPerStreamNoiseIsLeftOutByTheConfiguration() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertEquals(Level.ERROR,
                context.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler").getEffectiveLevel());
        assertEquals(Level.INFO, context.getLogger("dev.skewguard.collector").getEffectiveLevel());
    }
}
