package dev.skewguard.collector.alert;

import java.util.Locale;

/** What an alert says happened to a job, the webhook body's {@code event}. */
public enum AlertEvent {
    /** The rule's first trigger. */
    TRIGGERED,
    /** A check held over its patience: the stop decision (with --action log, confirmed and not acted on). */
    STOP_DECISION,
    /** Stop went out to the job's connected agents (--action stop). */
    STOP_SENT;

    /** The body's name of the event: {@code triggered}, {@code stop_decision}, {@code stop_sent}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
