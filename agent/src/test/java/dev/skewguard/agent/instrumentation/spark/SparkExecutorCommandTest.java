package dev.skewguard.agent.instrumentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SparkExecutorCommandTest {
    @Test
    void aStandaloneExecutorsCommandNamesTheApplicationAndTheExecutor() {
        SparkExecutorCommand.Ids ids = SparkExecutorCommand.parse(
                "org.apache.spark.executor.CoarseGrainedExecutorBackend --driver-url "
                        + "spark://CoarseGrainedScheduler@127.0.0.1:40123 --executor-id 1 --hostname 127.0.0.1 "
                        + "--cores 1 --app-id app-20261130044455-0003 --worker-url spark://Worker@127.0.0.1:41000 "
                        + "--resourceProfileId 0");
        assertEquals("app-20261130044455-0003", ids.applicationId());
        assertEquals("1", ids.executorId());
        assertEquals("executor-1", ids.worker());
    }

    @Test
    void otherClusterManagersBackendsAreExecutorsToo() {
        SparkExecutorCommand.Ids ids = SparkExecutorCommand.parse(
                "org.apache.spark.executor.YarnCoarseGrainedExecutorBackend --app-id application_1_0001 "
                        + "--executor-id 12");
        assertEquals("application_1_0001", ids.applicationId());
        assertEquals("executor-12", ids.worker());
    }

    @Test
    void driversAndOtherProgramsAreNotExecutors() {
        assertNull(SparkExecutorCommand.parse(null));
        assertNull(SparkExecutorCommand.parse(""));
        assertNull(SparkExecutorCommand.parse("dev.skewguard.examples.spark.SparkXgboostExample --app-id x "
                + "--executor-id 1"));
        assertNull(SparkExecutorCommand.parse("org.apache.spark.deploy.worker.Worker spark://127.0.0.1:7077"));
        assertNull(SparkExecutorCommand.parse("org.apache.spark.executor.CoarseGrainedExecutorBackend "
                + "--executor-id 1"));
        assertNull(SparkExecutorCommand.parse("org.apache.spark.executor.CoarseGrainedExecutorBackend "
                + "--executor-id 1 --app-id " + "a".repeat(500)));
    }
}
