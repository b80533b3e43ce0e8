package dev.skewguard.agent.export;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnect backoff with jitter: 250 ms doubling to at most 2 s, each wait drawn from [d/2, d]. Bounded
 * low so that a collector that comes back after any outage is reached within about 2 s (each attempt is one connection
 * attempt: cheap, and refused at once while nothing listens); the jitter spreads a job's workers apart.
 */
final class Backoff {
    static final long INITIAL_MILLIS = 250;
    static final long MAX_MILLIS = 2_000;
    private long current = INITIAL_MILLIS;

    /** The next wait in milliseconds, and grows the next one. */
    long nextMillis() {
        long d = current;
        current = Math.min(MAX_MILLIS, current * 2);
        return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    }

    void reset() {
        current = INITIAL_MILLIS;
    }
}
