package dev.skewguard.agent.capture;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What became of the batches each instrumentation captured: captured, sent (written to the collector at least once),
 * counted (acknowledged by the collector) and dropped. For the agent's exit summary. Keyed by the instrumentation's
 * name, which the agent's own code gives (a handful of keys, never anything from outside).
 */
public final class BatchCounts {
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    /** The tally of this instrumentation (created on first use). */
    public Tally of(String instrumentation) {
        Tally t = tallies.get(instrumentation);
        return t != null ? t : tallies.computeIfAbsent(instrumentation, k -> new Tally());
    }

    /** Every instrumentation that captured something, by name. */
    public Map<String, Tally> byInstrumentation() {
        return new TreeMap<>(tallies);
    }

    /** Batches captured but neither counted by the collector nor dropped: what the collector never confirmed. */
    public long unconfirmed() {
        long n = 0;
        for (Tally t : tallies.values()) {
            n += t.capturedCount() - t.countedCount() - t.droppedCount();
        }
        return n;
    }

    /** One instrumentation's counts. Thread-safe. */
    public static final class Tally {
        private final LongAdder captured = new LongAdder();
        private final LongAdder sent = new LongAdder();
        private final LongAdder counted = new LongAdder();
        private final LongAdder dropped = new LongAdder();

        public void captured() {
            captured.increment();
        }

        public void sent() {
            sent.increment();
        }

        public void counted() {
            counted.increment();
        }

        public void dropped() {
            dropped.increment();
        }

        public long capturedCount() {
            return captured.sum();
        }

        public long sentCount() {
            return sent.sum();
        }

        public long countedCount() {
            return counted.sum();
        }

        public long droppedCount() {
            return dropped.sum();
        }
    }
}
