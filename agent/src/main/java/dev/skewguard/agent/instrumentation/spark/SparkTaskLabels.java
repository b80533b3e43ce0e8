package dev.skewguard.agent.instrumentation.spark;

import dev.skewguard.agent.capture.TaskLabel;
import java.lang.reflect.Method;
import java.util.function.Supplier;

/**
 * Tells a Spark process's tasks apart in the batches it captures: the label of the task running on the capturing
 * thread, {@code "stage S partition P"} from Spark's {@code TaskContext.get()}, the same for every attempt of that
 * task (a retried task's batches count again, under its label). Installed once the process is known to run Spark
 * tasks (an executor, or the driver when a training starts: in local mode the tasks run there). Spark is reached by
 * reflection, resolved once: if it cannot be, batches name no task.
 */
final class SparkTaskLabels implements Supplier<String> {
    private static final String TASK_CONTEXT = "org.apache.spark.TaskContext";
    private volatile Method[] methods; // get, stageId, partitionId; empty: Spark not reachable
    private final ClassLoader fallback;

    private SparkTaskLabels(ClassLoader fallback) {
        this.fallback = fallback;
    }

    /** Installs the labels for this process (the first installation stays). */
    static void install(ClassLoader sparkLoader) {
        TaskLabel.install(new SparkTaskLabels(sparkLoader));
    }

    @Override
    public String get() {
        Method[] m = methods;
        if (m == null) {
            m = resolve();
        }
        if (m.length == 0) {
            return null;
        }
        try {
            Object context = m[0].invoke(null);
            if (context == null) {
                return null; // not in a task
            }
            return "stage " + m[1].invoke(context) + " partition " + m[2].invoke(context);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private synchronized Method[] resolve() {
        if (methods == null) {
            Method[] found = new Method[0];
            for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(), fallback,
                    SparkTaskLabels.class.getClassLoader()}) {
                try {
                    Class<?> type = Class.forName(TASK_CONTEXT, false, loader);
                    found = new Method[] {type.getMethod("get"), type.getMethod("stageId"),
                            type.getMethod("partitionId")};
                    break;
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    // not through this loader
                }
            }
            methods = found;
        }
        return methods;
    }
}
