package dev.skewguard.agent.capture;

import java.util.Locale;

/**
 * When the latest captured batches were offered, by step and mode, so that the agent can say how promptly a stop
 * ended the training: from the capture of the batch whose record made the collector decide (the Stop names its step
 * and mode) to the moment the training thread stopped, in batches and milliseconds. A ring of the last
 * {@link #SIZE} offers, written on the offering thread without allocation or locks (a racy read only makes the answer
 * "not found"); it costs the offer one clock read. The newest offer's ordinal is the queue's own count of offers
 * ({@link BatchQueue#offeredTotal}), so nothing here is volatile.
 */
public final class CaptureClock {
    static final int SIZE = 4096;
    private static final int MASK = SIZE - 1;
    private static final long[] ORDINALS = new long[SIZE];
    private static final long[] STEPS = new long[SIZE];
    private static final byte[] MODES = new byte[SIZE];
    private static final long[] NANOS = new long[SIZE];

    private CaptureClock() {
    }

    /** The {@code ordinal}-th offer (from 1) was a batch of this mode and step. */
    static void record(long ordinal, CaptureMode mode, long step) {
        int i = (int) (ordinal & MASK);
        STEPS[i] = step;
        MODES[i] = (byte) mode.ordinal();
        NANOS[i] = System.nanoTime();
        ORDINALS[i] = ordinal;
    }

    /**
     * "N batches and M ms after capturing the batch that decided (train step S)", measured now, from the earliest
     * batch of that mode and step among the last {@link #SIZE} offers up to {@code last} (the queue's count of offers
     * now); null if none is there (another worker's batch decided, or it is too old).
     */
    public static String since(CaptureMode mode, long step, long last) {
        long now = System.nanoTime();
        long found = -1;
        long foundNanos = 0;
        for (long ordinal = last; ordinal > 0 && ordinal > last - SIZE; ordinal--) {
            int i = (int) (ordinal & MASK);
            if (ORDINALS[i] == ordinal && STEPS[i] == step && MODES[i] == (byte) mode.ordinal()) {
                found = ordinal;
                foundNanos = NANOS[i];
            }
        }
        if (found < 0) {
            return null;
        }
        return (last - found) + " batches and " + String.format(Locale.ROOT, "%.1f", (now - foundNanos) / 1e6)
                + " ms after capturing the batch that decided (" + mode.wireName() + " step " + step + ")";
    }
}
