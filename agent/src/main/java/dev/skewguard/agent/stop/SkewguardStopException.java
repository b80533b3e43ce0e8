package dev.skewguard.agent.stop;

/**
 * Thrown on a training thread (on_stop=throw) after the collector asked the job to stop. Unchecked, so that it
 * unwinds the training loop and the application's finally blocks and checkpoint code run. Its message says why.
 */
public final class SkewguardStopException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SkewguardStopException(String reason) {
        super("skewguard stopped this job: " + reason);
    }
}
