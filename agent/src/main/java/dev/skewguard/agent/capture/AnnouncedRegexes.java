package dev.skewguard.agent.capture;

/**
 * The labels_regex and predictions_regex the collector announced in its Welcome (the job's rule matches tensor
 * names with them), for instrumentations that capture tensors by their program's own names. Written by the sender
 * when a Welcome arrives, read by advice: one volatile read per call. Empty strings until a collector that sends
 * them answered (collectors before those Welcome fields never do).
 */
public final class AnnouncedRegexes {
    /** Longer regexes are not taken from the collector (a bound on what a remote peer can make the agent compile). */
    public static final int MAX_LENGTH = 1024;

    private static volatile Pair current = new Pair("", "", 0);

    private AnnouncedRegexes() {
    }

    /** What the collector announced, with a version that changes whenever the pair does. */
    public record Pair(String labels, String predictions, long version) {
        /** Whether a collector announced anything. */
        public boolean announced() {
            return !labels.isEmpty() || !predictions.isEmpty();
        }
    }

    /**
     * Called by the sender on every Welcome; empty strings (an older collector) change nothing. The first call also
     * releases what instrumentations held until the collector answered ({@link HeldCaptures}), after the regexes
     * are set.
     */
    public static void announce(String labels, String predictions) {
        try {
            set(labels, predictions);
        } finally {
            HeldCaptures.collectorAnswered();
        }
    }

    private static void set(String labels, String predictions) {
        String l = labels == null ? "" : labels;
        String p = predictions == null ? "" : predictions;
        if (l.isEmpty() && p.isEmpty()) {
            return;
        }
        synchronized (AnnouncedRegexes.class) {
            Pair was = current;
            if (!was.labels.equals(l) || !was.predictions.equals(p)) {
                current = new Pair(l, p, was.version + 1);
            }
        }
    }

    public static Pair current() {
        return current;
    }
}
