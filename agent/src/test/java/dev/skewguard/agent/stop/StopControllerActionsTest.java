package dev.skewguard.agent.stop;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.agent.config.OnStop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stop actions a framework registers (a Spark driver cancels its jobs) and a process kept alive after a stop. */
class StopControllerActionsTest {
    @AfterEach
    void reset() {
        StopController.resetForTests();
        StopController.configure(OnStop.THROW, 30, 3);
    }

    @Test
    void actionsRunOnceWithTheReasonWhenAThrowStopArrivesAndAtOnceWhenRegisteredLater() {
        // kept alive: no exit thread is started by this test's stop
        StopController.keepProcessAlive("this test JVM");
        StopController.configure(OnStop.THROW, 30, 3);
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        assertTrue(StopController.whenTrainingStops(before::add));

        StopController.stop("ratio 20");
        StopController.stop("a second stop is ignored");
        assertEquals(List.of("ratio 20"), before);
        assertTrue(StopController.whenTrainingStops(after::add));
        assertEquals(List.of("ratio 20"), after);
        SkewguardStopException thrown = assertThrows(SkewguardStopException.class, StopController::checkStop);
        assertEquals("skewguard stopped this job: ratio 20", thrown.getMessage());
    }

    @Test
    void aFailingActionDoesNotKeepTheOthersFromRunning() {
        StopController.keepProcessAlive("this test JVM");
        List<String> ran = new ArrayList<>();
        StopController.whenTrainingStops(reason -> {
            throw new IllegalStateException("boom");
        });
        StopController.whenTrainingStops(ran::add);
        assertDoesNotThrow(() -> StopController.stop("r"));
        assertEquals(List.of("r"), ran);
    }

    @Test
    void withOnStopLogNoActionRuns() {
        StopController.configure(OnStop.LOG, 30, 3);
        List<String> ran = new ArrayList<>();
        StopController.whenTrainingStops(ran::add);
        StopController.stop("r");
        assertTrue(ran.isEmpty());
        assertDoesNotThrow(StopController::checkStop);
    }

    @Test
    void registrationsAreBounded() {
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            if (StopController.whenTrainingStops(reason -> { })) {
                accepted++;
            }
        }
        assertTrue(accepted > 0 && accepted < 100, "accepted " + accepted);
        assertFalse(StopController.whenTrainingStops(reason -> { }));
    }
}
