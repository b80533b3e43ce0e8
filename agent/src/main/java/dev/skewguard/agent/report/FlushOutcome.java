package dev.skewguard.agent.report;

/**
 * How the sender's exit flush ended, for the exit report: why batches the collector did not confirm were not
 * confirmed, and whether that was already said in a warning (a collector that was never reached).
 *
 * @param why the reason, or null if the flush left nothing behind that it knows of
 * @param alreadyWarned whether a warning line already said it
 */
public record FlushOutcome(String why, boolean alreadyWarned) {
    /** Nothing to say. */
    public static final FlushOutcome NONE = new FlushOutcome(null, false);
}
