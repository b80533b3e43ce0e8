package dev.skewguard.agent.instrumentation.spark;

import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SparkTaskLabelsTest {
    @Test
    void withoutSparkABatchNamesNoTask() throws Exception {
        java.lang.reflect.Constructor<SparkTaskLabels> make =
                SparkTaskLabels.class.getDeclaredConstructor(ClassLoader.class);
        make.setAccessible(true);
        SparkTaskLabels labels = make.newInstance(ClassLoader.getPlatformClassLoader());
        assertNull(labels.get(), "no org.apache.spark.TaskContext here");
        assertNull(labels.get(), "resolved once, then the same answer");
    }
}
