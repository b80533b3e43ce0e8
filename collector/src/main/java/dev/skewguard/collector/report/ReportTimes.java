package dev.skewguard.collector.report;

import java.time.Instant;

/**
 * When things happened, for the report's {@code timestamps} object (each null when unknown or not yet). In a
 * served job: the first batch counted, the last change, the rule's first trigger and the stop decision. In
 * {@code evaluate}: when reading began, when the report was written, and when the trigger and the decision were
 * reached while reading (the records themselves carry no time).
 */
public record ReportTimes(Instant started, Instant updated, Instant firstTrigger, Instant stopDecision) {
    /** Nothing known. */
    public static final ReportTimes NONE = new ReportTimes(null, null, null, null);

    /** From epoch milliseconds, 0 meaning unknown. */
    public static ReportTimes ofMillis(long started, long updated, long firstTrigger, long stopDecision) {
        return new ReportTimes(instant(started), instant(updated), instant(firstTrigger), instant(stopDecision));
    }

    private static Instant instant(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis);
    }
}
