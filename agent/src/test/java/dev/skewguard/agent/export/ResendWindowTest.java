package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.agent.capture.BatchCounts;
import org.junit.jupiter.api.Test;

/** Numbering, writing in groups, release by cumulative Acks, and resending from the first uncounted after a rewind. */
class ResendWindowTest {
    private static ResendWindow withBatches(int n, int bytesEach) {
        ResendWindow window = new ResendWindow();
        for (int i = 0; i < n; i++) {
            window.add(new EncodedBatch(window.nextSequence(), new byte[bytesEach]));
        }
        return window;
    }

    @Test
    void writesEveryHeldBatchOnceAndReleasesWhatIsCounted() {
        ResendWindow window = withBatches(3, 10);
        assertEquals(4, window.nextSequence());
        assertEquals(3, window.unsentBatches());
        assertEquals(30, window.unsentBytes());
        byte[] message = window.nextMessage();
        assertArrayEquals(BatchGrouping.message(java.util.List.of(new EncodedBatch(1, new byte[10]),
                new EncodedBatch(2, new byte[10]), new EncodedBatch(3, new byte[10]))), message);
        assertEquals(0, window.unsentBatches());
        assertEquals(0, window.unsentBytes());
        assertEquals(3, window.size());
        window.release(2);
        assertEquals(1, window.size());
        assertEquals(0, window.unsentBatches(), "a release leaves the written ones written");
    }

    @Test
    void aRewindMakesEverythingHeldUnsentAndAWelcomeReleasesTheCountedOnes() {
        ResendWindow window = withBatches(4, 5);
        window.nextMessage();
        window.add(new EncodedBatch(window.nextSequence(), new byte[5]));
        assertEquals(1, window.unsentBatches());
        window.rewind(); // a new stream
        assertEquals(5, window.unsentBatches());
        window.release(3); // its Welcome: counted through 3
        assertEquals(2, window.unsentBatches());
        assertEquals(10, window.unsentBytes());
        window.nextMessage();
        assertEquals(0, window.unsentBatches());
    }

    @Test
    void resetForgetsEverythingAndNumbersFromOne() {
        ResendWindow window = withBatches(2, 5);
        assertEquals(2, window.reset(true));
        assertTrue(window.isEmpty());
        assertEquals(1, window.nextSequence());
        assertEquals(0, window.unsentBytes());
    }

    @Test
    void tallySendsEachBatchOnceAndCountsWhatIsReleasedOrResetAsCounted() {
        BatchCounts.Tally tally = new BatchCounts.Tally();
        ResendWindow window = new ResendWindow();
        for (int i = 0; i < 4; i++) {
            window.add(new EncodedBatch(window.nextSequence(), new byte[5], 1, 0, 1, tally));
        }
        window.nextMessage();
        window.rewind(); // a reconnect: written again, sent once
        window.nextMessage();
        assertEquals(4, tally.sentCount());
        window.release(1);
        assertEquals(1, tally.countedCount());
        window.reset(true); // Goodbye answered with OK: the collector counted everything
        assertEquals(4, tally.countedCount());
        window.add(new EncodedBatch(window.nextSequence(), new byte[5], 1, 0, 1, tally));
        window.nextMessage();
        assertEquals(5, tally.sentCount(), "numbering restarts, and so does what counts as written");
        window.reset(false); // the collector refused them
        assertEquals(1, tally.droppedCount());
    }
}
