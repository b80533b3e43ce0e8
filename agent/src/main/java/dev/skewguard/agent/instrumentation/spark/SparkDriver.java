package dev.skewguard.agent.instrumentation.spark;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.ConsoleText;
import dev.skewguard.agent.capture.Capture;
import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.config.JobIdentity;
import dev.skewguard.agent.stop.StopController;
import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * The driver's side of a distributed XGBoost4J-Spark training. When a training starts it names the job after the
 * Spark application (its id, which every executor has on its command line) and connects the driver's agent to the
 * collector at once, although the driver captures nothing itself, so that the driver hears the Stop. On the Stop
 * (on_stop=throw) it cancels the Spark jobs active then through {@code SparkContext#cancelJob(int, String)} with the
 * stop's reason: Spark fails such a job at once, without the task retries and barrier-stage re-attempts that follow a
 * task's failure, and the driver's error ({@code SparkException: Job N cancelled because skewguard stopped this job:
 * ...}) carries the finding. Spark is reached by reflection: the agent does not link against it.
 */
public final class SparkDriver {
    private static volatile WeakReference<Object> context = new WeakReference<>(null);
    private static volatile String applicationId;
    /** Whether a training started in this JVM (the stop action is registered and the job named once). */
    private static boolean started;
    private static volatile AgentConfig config = AgentConfig.defaults("job");

    private SparkDriver() {
    }

    static void configure(AgentConfig agentConfig) {
        config = agentConfig;
    }

    /** Called (inlined advice) when XGBoost4J-Spark starts training on {@code trainingRdd}'s SparkContext. */
    public static void trainingStarts(Object trainingRdd) throws ReflectiveOperationException {
        Object sparkContext = trainingRdd.getClass().getMethod("sparkContext").invoke(trainingRdd);
        String appId = (String) sparkContext.getClass().getMethod("applicationId").invoke(sparkContext);
        context = new WeakReference<>(sparkContext);
        applicationId = appId;
        SparkTaskLabels.install(sparkContext.getClass().getClassLoader());
        synchronized (SparkDriver.class) {
            if (!started) {
                started = true;
                StopController.whenTrainingStops(SparkDriver::cancelActiveJobs);
                name(appId);
            }
        }
        Capture.startSender();
    }

    private static void name(String appId) {
        if (appId == null) {
            return;
        }
        if (JobIdentity.derive(appId, "driver")) {
            AgentLog.info("Spark application " + ConsoleText.escape(appId) + ": job="
                    + ConsoleText.escape(JobIdentity.job(config)) + " worker="
                    + ConsoleText.escape(JobIdentity.worker(config, "host:pid"))
                    + (config.jobGiven() ? "" : " (the application id; job= chooses another)"));
        } else {
            AgentLog.warn("Spark application " + ConsoleText.escape(appId) + " trains in a JVM whose agent already "
                    + "reports as job " + ConsoleText.escape(JobIdentity.job(config))
                    + "; its batches go to that job (set job= to name it)");
        }
    }

    /** The collector's Stop ended the training: fail the Spark jobs running now, with the reason. Never blocks. */
    static void cancelActiveJobs(String reason) {
        Object sparkContext = context.get();
        if (sparkContext == null) {
            return;
        }
        try {
            int[] jobs = SparkJobCancellation.cancelActive(sparkContext, "because skewguard stopped this job: " + reason);
            AgentLog.warn("cancelled Spark job(s) " + Arrays.toString(jobs) + " of application "
                    + ConsoleText.escape(String.valueOf(applicationId)) + " with the stop's reason: no task is retried");
        } catch (ReflectiveOperationException | RuntimeException e) {
            AgentLog.warn("could not cancel the Spark jobs of application "
                    + ConsoleText.escape(String.valueOf(applicationId)) + " (" + AgentLog.describe(e)
                    + "); the executors' tasks still stop, and Spark may retry them");
        }
    }
}
