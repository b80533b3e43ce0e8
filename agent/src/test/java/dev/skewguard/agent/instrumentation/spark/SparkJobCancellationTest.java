package dev.skewguard.agent.instrumentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against stand-ins with Spark's method names and signatures (the real SparkContext: SparkLocalIT). */
class SparkJobCancellationTest {
    public static final class Tracker {
        private final int[] active;

        Tracker(int[] active) {
            this.active = active;
        }

        public int[] getActiveJobIds() {
            return active.clone();
        }
    }

    public static final class Context {
        final List<String> cancelled = new ArrayList<>();
        private final Tracker tracker;

        Context(int... active) {
            this.tracker = new Tracker(active);
        }

        public Tracker statusTracker() {
            return tracker;
        }

        public void cancelJob(int jobId, String reason) {
            cancelled.add(jobId + " " + reason);
        }
    }

    @Test
    void everyActiveJobIsCancelledWithTheReason() throws Exception {
        Context context = new Context(4, 7);
        assertArrayEquals(new int[] {4, 7}, SparkJobCancellation.cancelActive(context, "because r"));
        assertEquals(List.of("4 because r", "7 because r"), context.cancelled);
    }

    @Test
    void noActiveJobCancelsNothing() throws Exception {
        Context context = new Context();
        assertArrayEquals(new int[0], SparkJobCancellation.cancelActive(context, "because r"));
        assertEquals(List.of(), context.cancelled);
    }

    @Test
    void anObjectThatIsNoSparkContextIsRefused() {
        assertThrows(NoSuchMethodException.class, () -> SparkJobCancellation.cancelActive("not a context", "r"));
    }
}
