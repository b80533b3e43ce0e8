package dev.skewguard.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Target 2's arithmetic: one pair's agent CPU per captured batch, the timing line it reads, the table's row. */
class AgentCpuPerBatchTest {
    private static final double EPSILON = 1e-9;

    @Test
    void addsTheAgentsThreadsAndTheTrainingThreadsDifferenceOverTheBatches() {
        // 0.5 s on the agent's threads, 300 ms more on the training thread, 0.2 s more JIT, 100,000 batches.
        AgentCpuPerBatch figures = AgentCpuPerBatch.of(0.5, 10_300, 10_000, 0.2, 100_000);
        assertEquals(5.0, figures.agentThreadsMicros(), EPSILON);
        assertEquals(3.0, figures.trainingThreadAddedMicros(), EPSILON);
        assertEquals(8.0, figures.totalMicros(), EPSILON);
        assertEquals(2.0, figures.jitAddedMicros(), EPSILON, "for information, not in the total");
    }

    @Test
    void aTrainingThreadThatUsedLessWithTheAgentLowersTheTotal() {
        AgentCpuPerBatch figures = AgentCpuPerBatch.of(0.1, 9_900, 10_000, 0, 50_000);
        assertEquals(-2.0, figures.trainingThreadAddedMicros(), EPSILON, "noise is kept, not clipped");
        assertEquals(0.0, figures.totalMicros(), EPSILON);
    }

    @Test
    void noBatchesCountedHasNoFigure() {
        assertThrows(IllegalArgumentException.class, () -> AgentCpuPerBatch.of(0.1, 1, 1, 0, 0));
    }

    @Test
    void readsTheTrainingThreadsCpuFromTheLastTimingLine() {
        String output = "\n$ java -cp x Main\nepoch 1/2 done\n"
                + "time: training 8825 ms, 3546 ms CPU on the training thread\n"
                + "result: accuracy 0.98\n"
                + "time: training 9000 ms, 3600 ms CPU on the training thread\n";
        assertEquals(OptionalLong.of(3600), AgentCpuPerBatch.trainingThreadCpuMillis(output));
        assertEquals(OptionalLong.empty(), AgentCpuPerBatch.trainingThreadCpuMillis("epoch 1/2 done\n"));
        assertEquals(OptionalLong.empty(), AgentCpuPerBatch.trainingThreadCpuMillis("time: training 123 ms\n"),
                "a timing line without the thread's CPU (the Spark example's) is not one");
        assertEquals(OptionalLong.empty(), AgentCpuPerBatch.trainingThreadCpuMillis(
                "[x] time: training 1 ms, 2 ms CPU on the training thread\n"), "only a line of its own");
    }

    @Test
    void onePairsFiguresComeFromItsRunsOutputAndCpuByThread(@TempDir Path dir) throws Exception {
        ChildProcess.Run without = run(dir.resolve("without.log"), "time: training 5000 ms, 4000 ms CPU on the "
                + "training thread\n", Map.of(ThreadCpu.Group.JIT, 0.8, ThreadCpu.Group.REST, 4.5));
        ChildProcess.Run with = run(dir.resolve("with.log"), "time: training 5100 ms, 4050 ms CPU on the training "
                + "thread\n", Map.of(ThreadCpu.Group.AGENT, 0.3, ThreadCpu.Group.JIT, 1.0, ThreadCpu.Group.REST, 4.6));
        AgentCpuPerBatch figures = AgentCpuPerBatch.of(new TrainingPairs.Pair(without, with, 1000, 0.05)).orElseThrow();
        assertEquals(300.0, figures.agentThreadsMicros(), EPSILON);
        assertEquals(50.0, figures.trainingThreadAddedMicros(), EPSILON);
        assertEquals(200.0, figures.jitAddedMicros(), 1e-6);

        ChildProcess.Run noLine = run(dir.resolve("stopped.log"), "training ended early\n",
                Map.of(ThreadCpu.Group.AGENT, 0.3));
        assertTrue(AgentCpuPerBatch.of(new TrainingPairs.Pair(without, noLine, 1000, 0)).isEmpty());
        ChildProcess.Run notRead = run(dir.resolve("notread.log"), "time: training 5100 ms, 4050 ms CPU on the "
                + "training thread\n", Map.of());
        assertTrue(AgentCpuPerBatch.of(new TrainingPairs.Pair(without, notRead, 1000, 0)).isEmpty(),
                "no CPU by thread (not Linux): no figure");
    }

    @Test
    void theRowIsTheMedianOfPairsWithTheTotalsRangeAndTheVerdict() {
        List<AgentCpuPerBatch> pairs = List.of(new AgentCpuPerBatch(2.0, 1.0, 9.0),
                new AgentCpuPerBatch(3.0, 3.0, 5.0), new AgentCpuPerBatch(1.0, 0.5, 7.0));
        assertArrayEquals(new Object[] {"DJL", 3, 112500L, "2.00", "1.00", "3.00", "1.50 .. 6.00", "7.00",
                "<= 5 us: met"}, AgentCpuPerBatch.tableRow("DJL", pairs, 112500, 5.0, 0));
        assertEquals("<= 2 us: MISSED (1 pairs not counted)",
                AgentCpuPerBatch.tableRow("DJL", pairs, 112500, 2.0, 1)[8]);
        assertEquals("NOT MEASURED (2 pairs not counted)",
                AgentCpuPerBatch.tableRow("DL4J", List.of(), Long.MAX_VALUE, 15.0, 2)[8]);
    }

    private static ChildProcess.Run run(Path log, String output, Map<ThreadCpu.Group, Double> cpu) throws Exception {
        Files.writeString(log, "earlier run: time: training 1 ms, 999999 ms CPU on the training thread\n");
        LogTail tail = LogTail.fromEnd(log);
        Files.writeString(log, output, java.nio.file.StandardOpenOption.APPEND);
        tail.end();
        Files.writeString(log, "a later run: time: training 1 ms, 888888 ms CPU on the training thread\n",
                java.nio.file.StandardOpenOption.APPEND);
        return new ChildProcess.Run(0, 1000, cpu, tail);
    }
}
