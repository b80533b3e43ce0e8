package dev.skewguard.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.agent.capture.BatchQueue;
import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.agent.capture.CapturedBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExitSummaryTest {
    private final List<String> info = new ArrayList<>();
    private final List<String> warn = new ArrayList<>();
    private final List<String> debug = new ArrayList<>();
    private final StartupCost cost = new StartupCost();

    private ExitSummary summary(BatchQueue queue, MatchedTypes matched, List<String> warnings) {
        return new ExitSummary(queue, List.of("djl", "dl4j", "methods"), matched, () -> warnings, cost, info::add,
                warn::add, debug::add);
    }

    private static void capture(BatchQueue q, String instrumentation, int n) {
        for (int i = 0; i < n; i++) {
            q.offer(CapturedBatch.ofClasses(instrumentation, CaptureMode.TRAIN, i, new int[] {0}, null));
        }
    }

    @Test
    void oneLinePerInstrumentationThatMatchedOrCapturedThenDropsAndSpecWarnings() {
        BatchQueue q = new BatchQueue(3, false, 0, () -> { }, line -> { });
        capture(q, "methods", 5);
        for (int i = 0; i < 3; i++) {
            q.poll();
            q.counts().of("methods").sent();
            q.counts().of("methods").counted();
        }
        MatchedTypes matched = new MatchedTypes();
        matched.add("djl", Set.of("ai.djl."));
        matched.add("dl4j", Set.of("org.deeplearning4j."));
        matched.add("methods", Set.of("com.acme.Trainer"));
        matched.instrumented("ai.djl.training.Trainer");
        summary(q, matched, List.of("methods spec 'a.B#m:labels=arg0' matched no class or method: class a.B never"
                + " loaded (check its name; a nested class is Outer$Inner)")).print(FlushOutcome.NONE, true);

        assertEquals(List.of(
                "exit: djl: 0 batches captured, 0 sent, 0 counted by the collector, 0 dropped",
                "exit: methods: 5 batches captured, 3 sent, 3 counted by the collector, 2 dropped",
                "exit: 2 captured batches were dropped because the buffer (buffer=3) was full"), info);
        assertEquals(List.of("exit: methods spec 'a.B#m:labels=arg0' matched no class or method: class a.B never"
                + " loaded (check its name; a nested class is Outer$Inner)"), warn);
        assertEquals(List.of("exit: dl4j instrumented nothing: no class whose name starts with org.deeplearning4j."
                + " loaded with a method it instruments"), debug, "debug=true says why an instrumentation is silent");
    }

    @Test
    void batchesTheCollectorDidNotConfirmAreAWarningUnlessAlreadyWarned() {
        BatchQueue q = new BatchQueue(8, false, 0, () -> { }, line -> { });
        capture(q, "dl4j", 4);
        q.counts().of("dl4j").counted();
        summary(q, new MatchedTypes(), List.of()).print(new FlushOutcome("the collector at h:1 stopped answering",
                false), true);
        assertEquals(List.of("exit: 3 captured batches were not confirmed by the collector: the collector at h:1"
                + " stopped answering"), warn);

        warn.clear();
        info.clear();
        summary(q, new MatchedTypes(), List.of()).print(new FlushOutcome("the collector at h:1 was unreachable",
                true), true);
        assertEquals(List.of(), warn);
        assertEquals("exit: 3 captured batches were not confirmed by the collector: the collector at h:1 was"
                + " unreachable", info.get(1));
    }

    @Test
    void nothingMatchedNothingCapturedNothingToSay() {
        summary(new BatchQueue(8, false, 0, () -> { }, line -> { }), new MatchedTypes(), List.of())
                .print(FlushOutcome.NONE, false);
        assertEquals(List.of(), info);
        assertEquals(List.of(), warn);
        assertTrue(debug.stream().noneMatch(line -> line.startsWith("exit: instrumentation took")),
                "byte-buddy was never set up: no cost to report " + debug);
    }

    @Test
    void anInstrumentationThatCapturesNothingItselfGetsNoCount() {
        MatchedTypes matched = new MatchedTypes();
        matched.add("spark", Set.of("ml.dmlc.xgboost4j.scala.spark."));
        matched.capturesNone("spark");
        matched.instrumented("ml.dmlc.xgboost4j.scala.spark.XGBoost$");
        matched.add("djl", Set.of("ai.djl."));
        matched.instrumented("ai.djl.training.Trainer");
        new ExitSummary(new BatchQueue(8, false, 0, () -> { }, line -> { }), List.of("spark", "djl"), matched,
                List::of, cost, info::add, warn::add, debug::add).print(FlushOutcome.NONE, false);
        assertEquals(List.of("exit: djl: 0 batches captured, 0 sent, 0 counted by the collector, 0 dropped"), info,
                "djl's hooks were in place and nothing came; spark's job is not to capture");
    }

    @Test
    void debugSaysWhatTheInstrumentationCostTheApplicationsThreads() {
        cost.setUp(293_400_000L);
        cost.handed(24_600_000L, true);
        cost.handed(8_300_000L, false);
        cost.tested(13_000_000L);
        cost.tested(9_000_000L);
        MatchedTypes matched = new MatchedTypes();
        matched.add("djl", Set.of("ai.djl."));
        matched.instrumented("ai.djl.training.Trainer");
        summary(new BatchQueue(8, false, 0, () -> { }, line -> { }), matched, List.of())
                .print(FlushOutcome.NONE, false);
        assertEquals("exit: instrumentation took 348 ms on the application's threads: advice rules set up in 293 ms,"
                + " 2 classes handed to the transformer (1 instrumented) in 33 ms, 2 other classes tested in 22 ms",
                debug.get(debug.size() - 1), "after the lines about each instrumentation");
    }
}
