package dev.skewguard.agent.instrumentation.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingStepsTest {

    @Test
    void onlyTheOutermostIterationSetsTheStepAndOnlyTheOutermostLossCallCounts() {
        assertFalse(TrainingSteps.inTrainingIteration());
        TrainingSteps.enter(7);
        TrainingSteps.enter(99);
        assertEquals(7, TrainingSteps.step());
        assertTrue(TrainingSteps.enterLoss());
        assertFalse(TrainingSteps.enterLoss());
        TrainingSteps.exitLoss();
        TrainingSteps.exitLoss();
        assertTrue(TrainingSteps.enterLoss());
        TrainingSteps.exitLoss();
        TrainingSteps.exit();
        assertTrue(TrainingSteps.inTrainingIteration());
        TrainingSteps.exit();
        assertFalse(TrainingSteps.inTrainingIteration());
        assertEquals(7, TrainingSteps.lastStep());
    }
}
