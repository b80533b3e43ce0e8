package dev.skewguard.agent.instrumentation.spark;

import dev.skewguard.agent.capture.Capture;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ml.dmlc.xgboost4j.scala.spark.XGBoost$#train(RDD, RuntimeParams, Map)} on the driver, before the
 * tracker and the barrier stage start: names the job after the application and connects the driver (see
 * {@link SparkDriver}). A training started after the job was stopped is refused at once (on_stop=throw).
 */
public final class XgboostSparkTrainAdvice {
    private XgboostSparkTrainAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.Argument(0) Object trainingRdd) {
        try {
            SparkDriver.trainingStarts(trainingRdd);
        } catch (Throwable t) {
            Capture.adviceError(SparkInstrumentation.NAME, t);
        }
        Capture.checkStop();
    }
}
