package dev.skewguard.agent.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskLabelTest {
    @AfterEach
    void forgetTheSource() {
        TaskLabel.reset();
    }

    @Test
    void aBatchNamesTheTaskOfTheThreadThatRecordedIt() throws Exception {
        ThreadLocal<String> task = new ThreadLocal<>();
        TaskLabel.install(task::get);
        BatchQueue q = new BatchQueue(8, false, () -> { });
        Capture.install(q, false);
        task.set("stage 3 partition 1");
        Capture.record("xgboost", CaptureMode.TRAIN, 1, new int[] {0, 1}, new int[] {0, 1});
        Thread other = new Thread(() -> Capture.recordScores("xgboost", CaptureMode.TRAIN, 1, new int[] {1},
                new float[] {0.1f, 0.9f}, 2));
        other.start();
        other.join();
        List<CapturedBatch> taken = new ArrayList<>();
        q.drainTo(taken, 8);
        assertEquals(2, taken.size());
        assertEquals("stage 3 partition 1", taken.get(0).task());
        assertNull(taken.get(1).task(), "a thread outside any task names none");
    }

    @Test
    void aFailingOrLongSourceNeverReachesTheTrainingThread() {
        assertNull(TaskLabel.current(), "no source: no task");
        TaskLabel.install(() -> {
            throw new IllegalStateException("the framework changed");
        });
        assertNull(TaskLabel.current());
        TaskLabel.reset();
        TaskLabel.install(() -> "x".repeat(500));
        assertEquals(TaskLabel.MAX_LENGTH, TaskLabel.current().length());
    }

    @Test
    void theFirstSourceStays() {
        TaskLabel.install(() -> "first");
        TaskLabel.install(() -> "second");
        assertEquals("first", TaskLabel.current());
    }

    @Test
    void namingKeepsTheTask() {
        CapturedBatch batch = CapturedBatch.ofClasses("tensorflow", CaptureMode.EVAL, 1, new int[] {0},
                new int[] {0}).inTask("t").named("y:0", "p:0");
        assertEquals("t", batch.task());
        assertEquals("y:0", batch.labelsName());
    }
}
