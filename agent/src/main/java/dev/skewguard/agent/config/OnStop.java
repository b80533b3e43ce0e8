package dev.skewguard.agent.config;

/** What the agent does when the collector says stop ({@code on_stop} option). */
public enum OnStop {
    /** The next captured call on a training thread throws; after stop_grace the JVM exits with exit_code. */
    THROW,
    /** System.exit(exit_code) at once. */
    EXIT,
    /** Log the finding and nothing more. */
    LOG
}
