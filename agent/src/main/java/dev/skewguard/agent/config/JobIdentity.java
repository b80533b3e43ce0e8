package dev.skewguard.agent.config;

/**
 * The job and worker ids the agent says Hello with. The user's own ({@code job=}, {@code worker=}) always win. Without
 * them, an instrumentation may name the job and the worker from what the process knows, before the first Hello (the
 * Spark instrumentation: the application id, and "driver" or "executor-N"); otherwise the defaults apply (the main
 * class and start time, and host:pid). Set once per process: the first names given stay.
 */
public final class JobIdentity {
    private static volatile String derivedJob;
    private static volatile String derivedWorker;

    private JobIdentity() {
    }

    /**
     * Names the job and worker (either may be null: not named) unless names were given already. Returns whether
     * these names are the ones in force now.
     */
    public static synchronized boolean derive(String job, String worker) {
        if (derivedJob == null && derivedWorker == null) {
            derivedJob = job;
            derivedWorker = worker;
            return true;
        }
        return java.util.Objects.equals(derivedJob, job) && java.util.Objects.equals(derivedWorker, worker);
    }

    /** The job id an instrumentation named, or null. */
    public static String derivedJob() {
        return derivedJob;
    }

    /** The job id to say Hello with. */
    public static String job(AgentConfig config) {
        String job = derivedJob;
        return config.jobGiven() || job == null ? config.job() : job;
    }

    /** The worker id to say Hello with; {@code fallback} (host:pid) when neither the user nor an instrumentation named one. */
    public static String worker(AgentConfig config, String fallback) {
        String worker = derivedWorker;
        return config.worker() != null ? config.worker() : worker != null ? worker : fallback;
    }

    /** Forgets derived names (tests only). */
    static synchronized void reset() {
        derivedJob = null;
        derivedWorker = null;
    }
}
