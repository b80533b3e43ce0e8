package dev.skewguard.it.releases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.it.apps.LoadClassesApp;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import dev.skewguard.it.support.Reports;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release the agent does not support, with the shaded agent in a child JVM: one that lacks what the advice needs
 * is left alone with one line saying so; one outside the range that has it all is instrumented, and said to be
 * untested. The frameworks: TensorFlow Java 0.5.0's real jar, and a small jar with XGBoost4J's class names
 * ({@link FakeXgboostJar}).
 */
class ReleaseMismatchIT {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final String BOOSTER = "ml.dmlc.xgboost4j.java.Booster";

    @TempDir
    Path dir;

    @Test
    void aReleaseThatLacksWhatTheAdviceNeedsIsNotInstrumentedAndSaysSoInOneLine() throws Exception {
        Path jar = FakeXgboostJar.build(dir, "0.90", false);
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            ChildResult run = ChildJvm.on(Jdk.current()).main(jar.toString(), FakeXgboostJar.MAIN)
                    .agent("endpoint=" + collector.endpoint() + ",job=release-lacks,flush_timeout=10,debug=true")
                    .run(RUN_TIMEOUT);

            assertEquals(0, run.exitCode(), run.describe());
            assertTrue(run.printedResult(), run.describe());
            assertEquals(List.of("[skewguard] WARN XGBoost4J 0.90 (ml.dmlc:xgboost4j_2.12) is outside the supported "
                    + "releases 1.7.6 to 3.4.0 and does not fit the agent: it lacks " + BOOSTER
                    + "#evalSet(DMatrix[], String[], int), " + BOOSTER + "#predict(DMatrix) returning float[][], "
                    + "ml.dmlc.xgboost4j.java.DMatrix#getLabel() returning float[]; XGBoost4J's boosting rounds are "
                    + "not captured: use a release from 1.7.6 to 3.4.0, or name the method that sees labels and "
                    + "predictions with methods=Class#method:labels=argN,predictions=return"),
                    run.agentWarnings(), run.describe());
            assertTrue(run.stderrLines().stream().noneMatch(l -> l.contains("instrumented " + BOOSTER)),
                    "no advice in a release that does not fit:\n" + run.describe());
        }
    }

    /**
     * TensorFlow Java 0.5.0, the real jar (its classes; its natives are not needed to load them): its Session runs
     * still pass through {@code Session$Runner#runHelper(boolean)}, but its tensors' data types are another class
     * ({@code org.tensorflow.proto.framework.DataType}), which the advice would fail on at every run.
     */
    @Test
    void tensorflowJava050IsAnotherApiAndSaysSoInOneLine() throws Exception {
        Path releases = ItPaths.existing("skewguard.it.unsupportedReleases", "target/unsupported-releases");
        String tensorflow = System.getProperty("unsupported.tensorflow", "0.5.0");
        String classpath = String.join(File.pathSeparator, ItPaths.testClasses().toString(),
                releases.resolve("tensorflow-core-api-" + tensorflow + ".jar").toString(),
                releases.resolve("ndarray-" + System.getProperty("unsupported.tensorflow.ndarray", "0.4.0") + ".jar")
                        .toString());
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            ChildResult run = ChildJvm.on(Jdk.current()).main(classpath, LoadClassesApp.class.getName())
                    .args("org.tensorflow.Session", "org.tensorflow.Session$Runner")
                    .agent("endpoint=" + collector.endpoint() + ",job=release-tf05,flush_timeout=10,debug=true")
                    .run(RUN_TIMEOUT);

            assertEquals(0, run.exitCode(), run.describe());
            assertTrue(run.printedResult(), run.describe());
            assertEquals(List.of("[skewguard] WARN TensorFlow Java " + tensorflow
                    + " (org.tensorflow:tensorflow-core-api) is outside the supported releases 1.0.0 to 1.1.0 and does not fit the agent: it lacks "
                    + "org.tensorflow.Tensor#dataType() returning org.tensorflow.proto.DataType, "
                    + "org.tensorflow.proto.DataType#getNumber(); its Session runs are not captured: use a release "
                    + "from 1.0.0 to 1.1.0, or name the method that sees labels and predictions with "
                    + "methods=Class#method:labels=argN,predictions=return"), run.agentWarnings(), run.describe());
            assertTrue(run.stderrLines().stream().noneMatch(l -> l.contains("instrumented org.tensorflow.")),
                    "no advice in a release that does not fit:\n" + run.describe());
        }
    }

    @Test
    void aReleaseOutsideTheRangeThatHasWhatTheAdviceNeedsIsInstrumentedAndSaidToBeUntested() throws Exception {
        Path jar = FakeXgboostJar.build(dir, "9.0.0", true);
        String job = "release-untested";
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            ChildResult run = ChildJvm.on(Jdk.current()).main(jar.toString(), FakeXgboostJar.MAIN)
                    .agent("endpoint=" + collector.endpoint() + ",job=" + job + ",flush_timeout=10,debug=true")
                    .run(RUN_TIMEOUT);

            assertEquals(0, run.exitCode(), run.describe());
            assertEquals(List.of("[skewguard] WARN XGBoost4J 9.0.0 (ml.dmlc:xgboost4j_2.12) is outside the supported "
                    + "releases 1.7.6 to 3.4.0: it has every class and member the agent needs, so it is instrumented, "
                    + "untested; if the report's counts differ from what the job trained, use a release from 1.7.6 to "
                    + "3.4.0 or methods=Class#method:labels=argN,predictions=return"),
                    run.agentWarnings(), run.describe());
            assertTrue(run.stderrLines().stream().anyMatch(l -> l.contains("instrumented " + BOOSTER)),
                    run.describe());

            // Labels 0, 0, 1 in each of the five rounds.
            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, Duration.ofSeconds(20));
            assertEquals(Map.of(0, 2L * FakeXgboostJar.ROUNDS, 1, (long) FakeXgboostJar.ROUNDS),
                    Reports.classCounts(report, "train"), report.toString());
        }
    }
}
