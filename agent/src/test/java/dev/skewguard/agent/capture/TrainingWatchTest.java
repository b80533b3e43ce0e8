package dev.skewguard.agent.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A framework that trains with none of its batches captured is said once, with why and what to do. */
class TrainingWatchTest {
    private final List<String> lines = new ArrayList<>();
    private final BatchCounts counts = new BatchCounts();

    @AfterEach
    void off() {
        TrainingWatch.configure(null, 0, line -> { });
    }

    @Test
    void trainingWithNothingCapturedIsSaidOnceWithTheFirstReasonAndTheHint() {
        TrainingWatch.configure(counts, 1e-9, lines::add);
        TrainingWatch.hint("fw-a", () -> "name the method with methods=");
        TrainingWatch.notRead("fw-a", "predictions of shape (32, 3, 2)");
        TrainingWatch.notRead("fw-a", "a later reason");
        for (int i = 0; i < 200; i++) {
            TrainingWatch.stepped("fw-a");
        }
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        assertTrue(line.startsWith("fw-a: training runs (") && line.contains("none of its batches was captured")
                && line.contains("predictions of shape (32, 3, 2)") && !line.contains("a later reason")
                && line.endsWith("name the method with methods="), line);
    }

    @Test
    void notBeforeEnoughStepsNorBeforeTheTimeIsUp() {
        TrainingWatch.configure(counts, 1e-9, lines::add);
        for (long i = 1; i < TrainingWatch.MIN_STEPS; i++) {
            TrainingWatch.stepped("fw-b");
        }
        assertTrue(lines.isEmpty(), lines.toString());

        TrainingWatch.configure(counts, 3600, lines::add);
        for (int i = 0; i < 200; i++) {
            TrainingWatch.stepped("fw-c");
        }
        assertTrue(lines.isEmpty(), "an hour has not passed: " + lines);
    }

    @Test
    void aFrameworkWithACapturedBatchIsNeverSaid() {
        TrainingWatch.configure(counts, 1e-9, lines::add);
        counts.of("fw-d").captured();
        for (int i = 0; i < 200; i++) {
            TrainingWatch.stepped("fw-d");
        }
        assertTrue(lines.isEmpty(), lines.toString());
    }

    @Test
    void zeroSecondsTurnsTheWatchOff() {
        TrainingWatch.configure(counts, 0, lines::add);
        for (int i = 0; i < 200; i++) {
            TrainingWatch.stepped("fw-e");
        }
        assertTrue(lines.isEmpty(), lines.toString());
    }
}
