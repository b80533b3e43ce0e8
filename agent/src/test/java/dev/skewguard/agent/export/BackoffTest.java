package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reconnect schedule: doubling from 250 ms, never beyond 2 s however many attempts fail, jittered, reset. */
class BackoffTest {

    @Test
    void waitsDoubleUpToTheBoundAndStayThereWithJitter() {
        Backoff backoff = new Backoff();
        long[] ceilings = {250, 500, 1000, 2000, 2000};
        for (long ceiling : ceilings) {
            long wait = backoff.nextMillis();
            assertTrue(wait >= ceiling / 2 && wait <= ceiling, wait + " ms not in [" + ceiling / 2 + ", " + ceiling
                    + "]");
        }
        Set<Long> seen = new HashSet<>();
        for (int attempt = 0; attempt < 1000; attempt++) {
            long wait = backoff.nextMillis();
            assertTrue(wait >= Backoff.MAX_MILLIS / 2 && wait <= Backoff.MAX_MILLIS,
                    "attempt " + attempt + ": " + wait);
            seen.add(wait);
        }
        assertTrue(seen.size() > 100, "the waits are spread (jitter), not one value: " + seen.size() + " distinct");
        assertEquals(2_000, Backoff.MAX_MILLIS, "a collector that comes back is reached within about 2 s");
    }

    @Test
    void resetStartsOverFromTheShortestWait() {
        Backoff backoff = new Backoff();
        for (int i = 0; i < 10; i++) {
            backoff.nextMillis();
        }
        backoff.reset();
        long wait = backoff.nextMillis();
        assertTrue(wait >= Backoff.INITIAL_MILLIS / 2 && wait <= Backoff.INITIAL_MILLIS, wait + " ms");
    }
}
