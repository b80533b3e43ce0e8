package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.agent.capture.CaptureMode;
import dev.skewguard.proto.v1.Ack;
import dev.skewguard.proto.v1.Mode;
import org.junit.jupiter.api.Test;

/** The held batches above the Ack's counted_through are covered only if labels, classes and modes all fit. */
class HeadroomTest {
    private static final int TRAIN = 1 << CaptureMode.TRAIN.ordinal();
    private static final int EVAL = 1 << CaptureMode.EVAL.ordinal();

    private static ResendWindow held(int[]... batches) { // {labels, maxLabel, modeBit}
        ResendWindow window = new ResendWindow();
        for (int[] b : batches) {
            window.add(new EncodedBatch(window.nextSequence(), new byte[8], b[0], b[1], b[2]));
        }
        return window;
    }

    private static Headroom ack(long countedThrough, long spare, long classesBelow, Mode... modes) {
        Ack.Builder ack = Ack.newBuilder().setCountedThrough(countedThrough).setLabelsToSpare(spare)
                .setClassesBelow(classesBelow);
        for (Mode m : modes) {
            ack.addCountedModes(m);
        }
        return Headroom.of(ack.build());
    }

    @Test
    void anAckWithoutTheFieldCoversNothing() {
        ResendWindow window = held(new int[] {32, 3, TRAIN});
        assertFalse(window.coveredBy(Headroom.of(Ack.newBuilder().setCountedThrough(0).build())),
                "a collector that does not say: the ordinary pace");
        assertFalse(window.coveredBy(Headroom.UNKNOWN));
    }

    @Test
    void onlyTheBatchesAboveCountedThroughCountAgainstIt() {
        ResendWindow window = held(new int[] {32, 3, TRAIN}, new int[] {32, 3, TRAIN}, new int[] {32, 3, TRAIN});
        assertTrue(window.coveredBy(ack(1, 64, 4, Mode.MODE_TRAIN)), "batches 2 and 3: 64 labels");
        assertFalse(window.coveredBy(ack(1, 63, 4, Mode.MODE_TRAIN)), "one label too many");
        assertFalse(window.coveredBy(ack(0, 64, 4, Mode.MODE_TRAIN)), "all three: 96 labels");
        assertEquals(36, window.spareLabels(ack(1, 100, 4, Mode.MODE_TRAIN)), "what the sender may still be offered");
        assertEquals(0, window.spareLabels(ack(1, 64, 4, Mode.MODE_TRAIN)));
        assertEquals(-1, window.spareLabels(ack(1, 63, 4, Mode.MODE_TRAIN)), "beyond it: nothing to spare");
    }

    @Test
    void aNewClassOrANewModeIsNeverCovered() {
        assertFalse(held(new int[] {32, 4, TRAIN}).coveredBy(ack(0, 1000, 4, Mode.MODE_TRAIN)), "class 4 is new");
        assertFalse(held(new int[] {32, 3, EVAL}).coveredBy(ack(0, 1000, 4, Mode.MODE_TRAIN)), "eval is new");
        assertTrue(held(new int[] {32, 3, EVAL}).coveredBy(ack(0, 1000, 4, Mode.MODE_TRAIN, Mode.MODE_EVAL)));
    }

    @Test
    void whatTheHeldBatchesCarryFollowsTheirReleaseAndAReset() {
        ResendWindow window = held(new int[] {32, 5, EVAL}, new int[] {32, 2, TRAIN}, new int[] {16, 3, TRAIN});
        assertFalse(window.coveredBy(ack(0, 1000, 4, Mode.MODE_TRAIN)), "class 5 and eval are held");
        window.release(1);
        assertTrue(window.coveredBy(ack(1, 48, 4, Mode.MODE_TRAIN)), "batch 1 (class 5, eval) is gone: 48 labels");
        assertFalse(window.coveredBy(ack(1, 47, 4, Mode.MODE_TRAIN)), "one label too many");
        assertFalse(window.coveredBy(ack(1, 48, 3, Mode.MODE_TRAIN)), "class 3 is still held");
        window.release(2);
        assertTrue(window.coveredBy(ack(2, 16, 4, Mode.MODE_TRAIN)), "batch 3 alone: 16 labels");
        window.reset(true);
        window.add(new EncodedBatch(window.nextSequence(), new byte[8], 8, 0, TRAIN));
        assertTrue(window.coveredBy(ack(0, 8, 1, Mode.MODE_TRAIN)), "after a reset only the new batch counts");
    }

    @Test
    void anAckNewerThanTheLastReleaseCountsOnlyTheBatchesAboveIt() {
        ResendWindow window = held(new int[] {32, 3, TRAIN}, new int[] {32, 3, TRAIN}, new int[] {32, 3, TRAIN});
        window.release(1);
        assertTrue(window.coveredBy(ack(2, 32, 4, Mode.MODE_TRAIN)), "batch 2 is still held but counted: 32 labels");
        assertFalse(window.coveredBy(ack(2, 31, 4, Mode.MODE_TRAIN)));
    }
}
