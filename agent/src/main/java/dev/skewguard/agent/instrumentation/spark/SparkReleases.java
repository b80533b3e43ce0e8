package dev.skewguard.agent.instrumentation.spark;

import static dev.skewguard.agent.instrumentation.releases.Requirement.method;

import dev.skewguard.agent.instrumentation.releases.SupportedReleases;
import java.util.List;

/**
 * The XGBoost4J-Spark releases {@link SparkInstrumentation} supports (the test suite runs 3.0.4 on Spark 3.5.3, local
 * and standalone, and 3.4.0 on Spark 3.5.3, local), and the method its advice is inlined into.
 */
final class SparkReleases {
    private static final String XGBOOST_SPARK = "ml.dmlc.xgboost4j.scala.spark.XGBoost$";

    private SparkReleases() {
    }

    static SupportedReleases supported() {
        return SupportedReleases.of("XGBoost4J-Spark", "ml.dmlc",
                        List.of("xgboost4j-spark_2.12", "xgboost4j-spark_2.13"), XGBOOST_SPARK, "3.0.4", "3.4.0",
                        "the job is not named after the Spark application, nor stopped as a Spark job "
                                + "(XGBoost4J's rounds are still captured)")
                .needs(method(XGBOOST_SPARK, "train", "org.apache.spark.rdd.RDD",
                        "ml.dmlc.xgboost4j.scala.spark.RuntimeParams", "scala.collection.immutable.Map"));
    }
}
