package dev.skewguard.agent.instrumentation.spark;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.instrumentation.AdviceRules;
import dev.skewguard.agent.instrumentation.Instrumentation;
import dev.skewguard.agent.instrumentation.LoadingClass;
import dev.skewguard.agent.instrumentation.releases.SupportedReleases;
import java.util.Set;

/**
 * XGBoost4J-Spark (3.0.x on Spark 3.5): one job for every executor of one Spark application. The XGBoost4J
 * instrumentation captures the rounds inside the Spark tasks; this one names the job and worker and turns the
 * collector's Stop into the end of the Spark job.
 *
 * <ul>
 *   <li>On an executor (its command line runs {@code org.apache.spark.executor.*Backend ... --executor-id N --app-id
 *       A}): job id A, worker id {@code executor-N} ({@link SparkExecutorCommand}), unless the user gave
 *       {@code job=}/{@code worker=}; the executor is not exited after stop_grace (it serves the application).</li>
 *   <li>On the driver, when {@code ml.dmlc.xgboost4j.scala.spark.XGBoost$#train(RDD, RuntimeParams, Map)} starts
 *       (every XGBoost4J-Spark estimator's fit ends there): job id the application id, worker id {@code driver}
 *       (in local mode the tasks run in this JVM too); the driver connects to the collector at once, and on a Stop it
 *       cancels the Spark jobs running then, with the stop's reason ({@link SparkDriver}): the job fails once, with
 *       that reason in the driver's error, instead of being retried.</li>
 * </ul>
 * Each batch captured in a Spark task names it ({@code Batch.task}: {@code "stage S partition P"},
 * {@link SparkTaskLabels}), so that the report tells the tasks of one executor, or of a local-mode driver, apart.
 * Supported releases (3.0.4 to 3.4.0): {@link SparkReleases}.
 */
public final class SparkInstrumentation implements Instrumentation {
    static final String NAME = "spark";

    private static final String XGBOOST_SPARK = "ml.dmlc.xgboost4j.scala.spark.XGBoost$";

    @Override
    public String name() {
        return NAME;
    }

    /** The releases tested, and what the advice needs of a release: {@link SparkReleases}. */
    @Override
    public SupportedReleases supportedReleases() {
        return SparkReleases.supported();
    }

    @Override
    public Set<String> typeNamePrefixes(AgentConfig config) {
        return Set.of("ml.dmlc.xgboost4j.scala.spark.");
    }

    /** It captures nothing: the batches of a Spark job are XGBoost4J's, inside its tasks. */
    @Override
    public boolean capturesBatches() {
        return false;
    }

    /** The one class the matcher below names. */
    @Override
    public boolean mayTransform(LoadingClass type) {
        return type.isNamed("ml/dmlc/xgboost4j/scala/spark/XGBoost$");
    }

    @Override
    public void addRules(AdviceRules rules, AgentConfig config) {
        // Before any batch: the XGBoost4J-Spark classes load in a task before its first round.
        SparkExecutorCommand.identify(System.getProperty("sun.java.command"), config);
        SparkDriver.configure(config);
        rules.type(named(XGBOOST_SPARK))
                .advice(named("train").and(takesArguments(3)),
                        SparkInstrumentation.class.getPackage().getName() + ".XgboostSparkTrainAdvice");
    }
}
