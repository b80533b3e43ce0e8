package dev.skewguard.agent.instrumentation.spark;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.ConsoleText;
import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.config.JobIdentity;
import dev.skewguard.agent.stop.StopController;

/**
 * A Spark executor's identity from its command line ({@code sun.java.command}): every cluster manager starts
 * executors as {@code org.apache.spark.executor.<Something>Backend ... --executor-id N ... --app-id A ...}
 * (standalone: {@code CoarseGrainedExecutorBackend}). Every executor of one application shares A, so A is the job id;
 * N tells the executors apart. In local mode there is no executor process: the driver names the job
 * ({@link SparkDriver}).
 */
final class SparkExecutorCommand {
    private static final String EXECUTOR_PACKAGE = "org.apache.spark.executor.";
    /** Spark's ids are short; anything longer is not one (and would not be a useful job id). */
    private static final int MAX_ID_LENGTH = 200;

    private SparkExecutorCommand() {
    }

    /** The application and executor ids, or null if {@code command} does not start a Spark executor. */
    record Ids(String applicationId, String executorId) {
        String worker() {
            return "executor-" + executorId;
        }
    }

    static Ids parse(String command) {
        if (command == null) {
            return null;
        }
        String[] words = command.trim().split("\\s+");
        if (words.length == 0 || !words[0].startsWith(EXECUTOR_PACKAGE)) {
            return null;
        }
        String app = null;
        String executor = null;
        for (int i = 1; i + 1 < words.length; i++) {
            if (words[i].equals("--app-id")) {
                app = words[i + 1];
            } else if (words[i].equals("--executor-id")) {
                executor = words[i + 1];
            }
        }
        if (app == null || executor == null || app.length() > MAX_ID_LENGTH || executor.length() > MAX_ID_LENGTH) {
            return null;
        }
        return new Ids(app, executor);
    }

    /** On an executor: names the job and the worker (unless the user did) and keeps the executor from exiting. */
    static void identify(String command, AgentConfig config) {
        Ids ids = parse(command);
        if (ids == null) {
            return;
        }
        StopController.keepProcessAlive("this Spark executor (it serves the application)");
        SparkTaskLabels.install(SparkExecutorCommand.class.getClassLoader());
        JobIdentity.derive(ids.applicationId(), ids.worker());
        AgentLog.info("Spark executor " + ConsoleText.escape(ids.executorId()) + " of application "
                + ConsoleText.escape(ids.applicationId()) + ": job=" + ConsoleText.escape(JobIdentity.job(config))
                + " worker=" + ConsoleText.escape(JobIdentity.worker(config, "host:pid"))
                + (config.jobGiven() ? "" : " (the application id; job= chooses another)"));
    }
}
