package dev.skewguard.agent.export;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential reconnect backoff with jitter: 250 ms doubling to at most 10 s, each wait drawn from [d/2, d]. */
final class Backoff {
    static final long INITIAL_MILLIS = 250;
    static final long MAX_MILLIS = 10_000;
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
