package dev.skewguard.agent.instrumentation.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DjlStateTest {

    @Test
    void aBatchIsSeenOnceUntilTheNextGradientCollectorOpens() {
        Object labels = new Object();
        assertTrue(DjlState.firstSighting(labels));
        assertFalse(DjlState.firstSighting(labels), "second Loss#evaluate of the same batch");
        assertFalse(DjlState.firstSighting(labels), "third Loss#evaluate of the same batch");
        assertTrue(DjlState.firstSighting(new Object()), "another batch");

        DjlState.stepped();
        assertFalse(DjlState.firstSighting(labels), "a running loss computed after Trainer#step is the same batch");

        DjlState.gradientCollectorOpened();
        try {
            assertTrue(DjlState.firstSighting(labels), "the same label array trained again is a new batch");
            assertFalse(DjlState.firstSighting(labels));
        } finally {
            DjlState.gradientCollectorClosed();
        }
    }

    @Test
    void everySplitOfABatchIsCapturedOnceAndTheOldestSightingGivesWayToNewOnes() {
        DjlState.gradientCollectorOpened();
        try {
            Object[] splits = new Object[20];
            for (int i = 0; i < splits.length; i++) {
                splits[i] = new Object();
                assertTrue(DjlState.firstSighting(splits[i]), "split " + i);
            }
            for (int i = 4; i < splits.length; i++) {
                assertFalse(DjlState.firstSighting(splits[i]), "the latest 16 are remembered: split " + i);
            }
        } finally {
            DjlState.gradientCollectorClosed();
        }
    }

    @Test
    void sightingsAreThisThreads() throws Exception {
        Object labels = new Object();
        assertTrue(DjlState.firstSighting(labels));
        boolean[] other = new boolean[1];
        Thread t = new Thread(() -> other[0] = DjlState.firstSighting(labels));
        t.start();
        t.join(5_000);
        assertTrue(other[0], "another thread keeps its own sightings");
        assertFalse(DjlState.firstSighting(labels));
    }

    @Test
    void theStepCountsTrainerSteps() {
        long before = DjlState.step();
        DjlState.stepped();
        DjlState.stepped();
        assertEquals(before + 2, DjlState.step());
    }

    @Test
    void aCollectorNoTrainerOpenedAdvancesTheStepWhenItCloses() {
        long before = DjlState.step();
        DjlState.gradientCollectorOpened();
        assertEquals(before, DjlState.step(), "the batch inside the collector has the step before it");
        DjlState.gradientCollectorClosed();
        assertEquals(before + 1, DjlState.step());
        DjlState.gradientCollectorOpened();
        DjlState.gradientCollectorClosed();
        assertEquals(before + 2, DjlState.step());
    }

    @Test
    void aTrainersCollectorLeavesTheStepToTrainerStep() {
        long before = DjlState.step();
        DjlState.trainerOpensCollector(true);
        DjlState.gradientCollectorOpened();
        DjlState.trainerOpensCollector(false);
        DjlState.gradientCollectorClosed();
        assertEquals(before, DjlState.step());
        DjlState.stepped();
        assertEquals(before + 1, DjlState.step());
    }

    @Test
    void nestedCollectorsAreEachCountedByWhoOpenedThem() {
        long before = DjlState.step();
        DjlState.trainerOpensCollector(true);
        DjlState.gradientCollectorOpened(); // a Trainer's
        DjlState.trainerOpensCollector(false);
        DjlState.gradientCollectorOpened(); // a bare one inside it
        DjlState.gradientCollectorClosed();
        assertEquals(before + 1, DjlState.step());
        DjlState.gradientCollectorClosed();
        assertEquals(before + 1, DjlState.step(), "the Trainer's collector does not count");
    }

    @Test
    void gradientCollectorsNestAndAnExtraCloseDoesNotGoNegative() {
        assertFalse(DjlState.insideGradientCollector());
        DjlState.gradientCollectorOpened();
        DjlState.gradientCollectorOpened();
        DjlState.gradientCollectorClosed();
        assertTrue(DjlState.insideGradientCollector());
        DjlState.gradientCollectorClosed();
        assertFalse(DjlState.insideGradientCollector());
        DjlState.gradientCollectorClosed();
        DjlState.gradientCollectorOpened();
        assertTrue(DjlState.insideGradientCollector(), "depth went below zero");
        DjlState.gradientCollectorClosed();
    }

    @Test
    void gradientCollectorDepthIsPerThread() throws Exception {
        DjlState.gradientCollectorOpened();
        try {
            boolean[] other = new boolean[1];
            Thread t = new Thread(() -> other[0] = DjlState.insideGradientCollector());
            t.start();
            t.join(5_000);
            assertFalse(other[0]);
        } finally {
            DjlState.gradientCollectorClosed();
        }
    }

    @Test
    void anEasyTrainBatchKeepsTheLossPathOut() {
        assertTrue(DjlState.outsideEasyTrain());
        DjlState.easyTrainBatchStarted();
        assertFalse(DjlState.outsideEasyTrain());
        DjlState.easyTrainBatchEnded();
        assertTrue(DjlState.outsideEasyTrain());
    }
}
