package dev.skewguard.collector.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LineRateLimitTest {
    final AtomicLong now = new AtomicLong(123);
    final LineRateLimit limit = new LineRateLimit(3, Duration.ofSeconds(60), now::get);

    @Test
    void letsThroughTheLinesOfAWindowThenSaysHowManyWereHeldBack() {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limit.admit());
        }
        for (int i = 0; i < 7; i++) {
            assertEquals(LineRateLimit.SUPPRESS, limit.admit());
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(59));
        assertEquals(LineRateLimit.SUPPRESS, limit.admit(), "the window has not passed");
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertEquals(8, limit.admit(), "the first line of the next window counts the held-back ones");
        assertEquals(0, limit.admit());
        assertEquals("(8 similar lines suppressed: at most 3 per 60 s)", limit.suppressedNote(8));
        assertEquals("(1 similar line suppressed: at most 3 per 60 s)", limit.suppressedNote(1));
    }

    @Test
    void refusesAnEmptyLimit() {
        assertThrows(IllegalArgumentException.class, () -> new LineRateLimit(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new LineRateLimit(1, Duration.ZERO));
    }
}
