package dev.skewguard.it.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.Jdk;
import dev.skewguard.it.support.MidRunAttach;
import dev.skewguard.it.support.Reports;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The XGBoost4J example's Booster#update loop, started without the agent and attached with
 * {@code java -jar skewguard-agent.jar attach <pid> ...} after a few rounds, on JDK 17 and the extra JDK: the rounds
 * after the attach are captured and counted, never more than ran, and the report says from which round.
 */
class XgboostAttachIT {
    private static final int ROUNDS = 50;

    @ParameterizedTest
    @MethodSource("dev.skewguard.it.support.Jdk#all")
    void attachedMidRunItCountsTheRoundsAfterTheAttach(Jdk jdk) throws Exception {
        String job = "xgboost-attach-" + jdk.toString().replaceAll("\\W", "");
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            MidRunAttach.Outcome o = MidRunAttach.run(
                    XgboostExampleRun.withoutAgent(jdk, "--classes", "3", "--rounds", Integer.toString(ROUNDS),
                            "--batch-delay-ms", "100"),
                    line -> line.startsWith("round 2:"),
                    "endpoint=" + collector.endpoint() + ",job=" + job + ",flush_timeout=30", true);
            XgboostExampleRun run = XgboostExampleRun.of(o.training());
            assertTrue(run.hasResult(), o.training().describe());
            assertEquals(ROUNDS, run.ranRounds(), o.training().describe());
            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, Duration.ofSeconds(30),
                    o.training().describe());

            JsonNode worker = MidRunAttach.assertAttached(o, report);
            MidRunAttach.assertCountedSomeOfWhatRan(report, "train", run.ranCounts("train"));
            MidRunAttach.assertCountedSomeOfWhatRan(report, "eval", run.ranCounts("eval"));
            // XGBoost4J's step is the round the loop passes to Booster#update: rounds 0-2 ran before the attach.
            long firstRound = worker.at("/counts_start/train/step").asLong();
            assertTrue(firstRound >= 3 && firstRound < ROUNDS, worker.toString());
            assertEquals(0, Reports.droppedBatches(report), report.toString());
            // JDK 21+ warns of an agent loaded into a running JVM unless -XX:+EnableDynamicAgentLoading (docs/agent.md).
            assertEquals(jdk.feature() >= 21, o.training().stderr().contains("loaded dynamically"),
                    o.training().describe());
        }
    }
}
