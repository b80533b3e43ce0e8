package dev.skewguard.collector.cli;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.skewguard.collector.logging.LogText;

/**
 * Logback conversion word {@code %cause} (see logback.xml): a logged throwable as " (SimpleName: message)" on the
 * same line, never a stack trace; nothing when there is none.
 */
public final class OneLineCause extends ThrowableHandlingConverter {
    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown == null) {
            return "";
        }
        String name = thrown.getClassName();
        StringBuilder cause = new StringBuilder(" (").append(name.substring(name.lastIndexOf('.') + 1));
        if (thrown.getMessage() != null) {
            cause.append(": ").append(LogText.escape(thrown.getMessage()));
        }
        return cause.append(')').toString();
    }
}
