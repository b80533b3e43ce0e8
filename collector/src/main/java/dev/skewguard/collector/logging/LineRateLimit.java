package dev.skewguard.collector.logging;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * At most {@code lines} log lines of one kind per window of time: lines a client can cause (one per refused stream,
 * one per bad connection) cannot flood the log. The first line let through after some were held back says how many.
 */
public final class LineRateLimit {
    /** Held back: do not write the line. */
    public static final long SUPPRESS = -1;

    private final int lines;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int inWindow;
    private long suppressed;

    /** {@code lines} per {@code window}, on the system's clock. */
    public LineRateLimit(int lines, Duration window) {
        this(lines, window, System::nanoTime);
    }

    /** As {@link #LineRateLimit(int, Duration)}, on the given clock (tests). */
    public LineRateLimit(int lines, Duration window, LongSupplier nanoTime) {
        if (lines < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a line rate limit needs at least 1 line per positive window, got "
                    + lines + " per " + window);
        }
        this.lines = lines;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /**
     * Whether a line may be written now: {@link #SUPPRESS} if not; otherwise how many lines were held back since the
     * last one written (0 if none), which the caller says before or in the line.
     */
    public synchronized long admit() {
        long now = nanoTime.getAsLong();
        if (now - windowStart >= windowNanos) {
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow >= lines) {
            suppressed++;
            return SUPPRESS;
        }
        inWindow++;
        long held = suppressed;
        suppressed = 0;
        return held;
    }

    /** "(12 similar lines suppressed: at most 10 per 60 s)", for a line after {@code held} were held back. */
    public String suppressedNote(long held) {
        return "(" + held + (held == 1 ? " similar line" : " similar lines") + " suppressed: at most " + lines
                + " per " + Duration.ofNanos(windowNanos).toSeconds() + " s)";
    }
}
