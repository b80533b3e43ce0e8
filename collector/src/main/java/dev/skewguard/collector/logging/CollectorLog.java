package dev.skewguard.collector.logging;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the collector's lines go: one line per event, each with a level. By default SLF4J (logger
 * {@code dev.skewguard.collector}), which the collector jar's logback configuration writes to standard error as
 * {@code 2026-11-30T02:10:00.123Z INFO  <message>}. Text a client sent is quoted with {@link LogText#quote} by the
 * caller before it reaches a line.
 */
public interface CollectorLog {
    void info(String line);

    void warn(String line);

    void error(String line);

    /** The default: SLF4J. */
    static CollectorLog slf4j() {
        Logger logger = LoggerFactory.getLogger("dev.skewguard.collector");
        return new CollectorLog() {
            @Override
            public void info(String line) {
                logger.info(line);
            }

            @Override
            public void warn(String line) {
                logger.warn(line);
            }

            @Override
            public void error(String line) {
                logger.error(line);
            }
        };
    }

    /** Every line, whatever its level, to {@code lines} (tests, embedding). */
    static CollectorLog lines(Consumer<String> lines) {
        return new CollectorLog() {
            @Override
            public void info(String line) {
                lines.accept(line);
            }

            @Override
            public void warn(String line) {
                lines.accept(line);
            }

            @Override
            public void error(String line) {
                lines.accept(line);
            }
        };
    }
}
