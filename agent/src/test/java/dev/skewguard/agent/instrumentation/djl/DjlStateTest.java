package dev.skewguard.agent.instrumentation.djl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DjlStateTest {

    @Test
    void aBatchIsSeenOnceAtAStepAndAgainAfterTheNextStep() {
        Object labels = new Object();
        assertTrue(DjlState.firstSighting(labels));
        assertFalse(DjlState.firstSighting(labels), "second Loss#evaluate of the same batch");
        assertFalse(DjlState.firstSighting(labels), "third Loss#evaluate of the same batch");
        assertTrue(DjlState.firstSighting(new Object()), "another batch");

        DjlState.stepped();
        assertTrue(DjlState.firstSighting(labels), "a label buffer reused after Trainer#step is a new batch");
    }

    @Test
    void theStepCountsTrainerSteps() {
        long before = DjlState.step();
        DjlState.stepped();
        DjlState.stepped();
        assertTrue(DjlState.step() == before + 2);
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
