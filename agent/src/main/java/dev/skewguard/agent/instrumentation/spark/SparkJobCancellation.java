package dev.skewguard.agent.instrumentation.spark;

import java.lang.reflect.Method;

/**
 * Cancels a SparkContext's active jobs with a reason, by reflection (the agent does not link against Spark):
 * {@code sc.statusTracker().getActiveJobIds()}, then {@code sc.cancelJob(id, reason)} for each, public API of Spark
 * 3.x. Spark fails each such job at once with {@code SparkException: Job N cancelled <reason>}, and does not retry
 * its tasks or stages. Cancelling only posts an event to Spark's scheduler: nothing here blocks.
 */
final class SparkJobCancellation {
    private SparkJobCancellation() {
    }

    /** Cancels the jobs active now; returns their ids. */
    static int[] cancelActive(Object sparkContext, String reason) throws ReflectiveOperationException {
        Object tracker = sparkContext.getClass().getMethod("statusTracker").invoke(sparkContext);
        int[] jobs = (int[]) tracker.getClass().getMethod("getActiveJobIds").invoke(tracker);
        Method cancel = sparkContext.getClass().getMethod("cancelJob", int.class, String.class);
        for (int job : jobs) {
            cancel.invoke(sparkContext, job, reason);
        }
        return jobs;
    }
}
