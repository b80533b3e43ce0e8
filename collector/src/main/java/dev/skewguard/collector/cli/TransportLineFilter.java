package dev.skewguard.collector.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.skewguard.collector.logging.LineRateLimit;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Marker;

/**
 * Rate-limits the lines of gRPC's and Netty's loggers (names starting with {@link #setLoggerPrefix}, by default
 * {@code io.grpc}: Netty is shaded under it): every bad connection can make the transport write a line, so a client
 * that opens many could flood the log. At most {@link #setLines} such lines per {@link #setWindowSeconds}; the first
 * one let through after some were held back is preceded by a line of the collector's that says how many. Configured
 * in the collector's logback.xml.
 */
public final class TransportLineFilter extends TurboFilter {
    private String loggerPrefix = "io.grpc";
    private int lines = 10;
    private long windowSeconds = 60;
    private LongSupplier nanoTime = System::nanoTime;
    private volatile LineRateLimit limit;

    public void setLoggerPrefix(String loggerPrefix) {
        this.loggerPrefix = loggerPrefix;
    }

    public void setLines(int lines) {
        this.lines = lines;
    }

    public void setWindowSeconds(long windowSeconds) {
        this.windowSeconds = windowSeconds;
    }

    /** The clock (tests); before {@link #start()}. */
    void setNanoTime(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public void start() {
        limit = new LineRateLimit(lines, Duration.ofSeconds(windowSeconds), nanoTime);
        super.start();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        LineRateLimit current = limit;
        if (current == null || format == null || !logger.getName().startsWith(loggerPrefix)
                || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL; // not a transport line, or one that is not written anyway
        }
        long held = current.admit();
        if (held == LineRateLimit.SUPPRESS) {
            return FilterReply.DENY;
        }
        if (held > 0) {
            logger.getLoggerContext().getLogger("dev.skewguard.collector")
                    .warn("transport lines " + current.suppressedNote(held));
        }
        return FilterReply.NEUTRAL;
    }
}
