package dev.skewguard.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pinned training benchmark's pieces: what it pins, the wall figures of pairs, following a child's log. */
class PinnedTrainingHarnessTest {
    @Test
    void pinsBothExamplesThreadPoolsToOneThread() {
        TrainingExample djl = PinnedTrainingBench.pinned(TrainingExample.djl("300"));
        assertEquals("DJL (PyTorch), 300 epochs, pinned", djl.name());
        assertEquals(Map.of("DJL_OFFLINE", "true", "OMP_NUM_THREADS", "1", "MKL_NUM_THREADS", "1"), djl.env());
        assertEquals(List.of("-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"),
                djl.jvmArgs());
        assertEquals(TrainingExample.djl("300").args(), djl.args(), "the same program arguments");

        TrainingExample dl4j = PinnedTrainingBench.pinned(TrainingExample.dl4j("40"));
        assertEquals(Map.of("OMP_NUM_THREADS", "1", "MKL_NUM_THREADS", "1", "SD_MAX_THREADS", "1",
                "SD_MASTER_THREADS", "1"), dl4j.env());
        assertEquals(List.of(), dl4j.jvmArgs());
    }

    @Test
    void wallRatiosAreMediansOfPairs() {
        WallRatios wall = new WallRatios();
        wall.add(pair(10_000, 10_100, 37_500));
        wall.add(pair(10_000, 10_400, 37_400));
        wall.add(pair(20_000, 19_800, 37_500));
        assertEquals(3, wall.pairs());
        assertEquals(1.01, wall.medianRatio(), 1e-9);
        assertArrayEquals(new Object[] {"10.00", "10.40", "0.10", "1.010", "0.990 .. 1.040", 37_400L}, wall.cells());
        assertEquals("met", wall.verdict(0));
        assertArrayEquals(new Object[] {"DJL", 3, "10.00", "10.40", "0.10", "1.010", "0.990 .. 1.040", 37_400L, "met",
                "0.5 / 0.4 / 0.3"}, wall.row("DJL", 0, "0.5 / 0.4 / 0.3"));
        assertArrayEquals(new Object[] {"DL4J", 0, "-", "-", "-", "-", "-", "-",
                "NOT MEASURED: every pair failed (5)", "x"}, WallRatios.of(List.of()).row("DL4J", 5, "x"));
        wall.add(pair(10_000, 10_500, 37_500));
        wall.add(pair(10_000, 10_600, 37_500));
        assertEquals("MISSED (2 failed pairs)", wall.verdict(2), "median 1.04");
    }

    @Test
    void followsWhatALogGainsAndSeesAMarkerCutInTwo(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("child.log");
        Files.writeString(log, "an earlier run\ntime: training 1 ms, 1 ms CPU on the training thread\n");
        LogTail tail = LogTail.fromEnd(log);
        assertFalse(tail.sawSinceLastCall("time: training "), "what was there before does not count");
        append(log, "epoch 1/2 done\ntime: tra");
        assertFalse(tail.sawSinceLastCall("time: training "));
        append(log, "ining 5 ms, 4 ms CPU on the training thread\n");
        assertTrue(tail.sawSinceLastCall("time: training "), "the marker's two halves, read apart");
        assertFalse(tail.sawSinceLastCall("time: training "), "nothing new since");
        assertEquals("epoch 1/2 done\ntime: training 5 ms, 4 ms CPU on the training thread\n", tail.text());
        assertEquals("", LogTail.fromEnd(dir.resolve("none.log")).text(), "a log not written yet");
    }

    @Test
    void eachRunsTextEndsWhereItEnded(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("child.log");
        LogTail first = LogTail.fromEnd(log);
        append(log, "time: training 5 ms, 4 ms CPU on the training thread\n");
        first.end();
        LogTail second = LogTail.fromEnd(log);
        append(log, "time: training 6 ms, 5 ms CPU on the training thread\n");
        second.end();
        append(log, "a third run\n");
        assertEquals("time: training 5 ms, 4 ms CPU on the training thread\n", first.text(),
                "not the runs after it, read once they all ended");
        assertEquals("time: training 6 ms, 5 ms CPU on the training thread\n", second.text());
    }

    private static TrainingPairs.Pair pair(double withoutMillis, double withMillis, long counted) {
        return new TrainingPairs.Pair(new ChildProcess.Run(0, withoutMillis, Map.of(), null),
                new ChildProcess.Run(0, withMillis, Map.of(), null), counted, 0);
    }

    private static void append(Path log, String text) throws Exception {
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
