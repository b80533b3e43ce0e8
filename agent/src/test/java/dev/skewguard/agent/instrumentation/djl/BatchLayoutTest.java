package dev.skewguard.agent.instrumentation.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A classifier's layout from its predictions' shape, and the batches that need no shape because it is known. */
class BatchLayoutTest {

    @AfterEach
    void forget() {
        BatchLayout.forget();
    }

    @Test
    void scoresOfTwoOrMoreClassesPerRow() {
        BatchLayout layout = BatchLayout.ofPredictions(new long[] {32, 4});
        assertEquals(32, layout.rows);
        assertEquals(4, layout.classes);
        assertFalse(layout.oneOutput());
        assertTrue(layout.holds(128));
        assertFalse(layout.holds(32));
    }

    @Test
    void oneOutputPerRowIsABinaryClassifiers() {
        for (long[] shape : new long[][] {{32}, {32, 1}}) {
            BatchLayout layout = BatchLayout.ofPredictions(shape);
            assertTrue(layout.oneOutput(), layout.toString());
            assertEquals(32, layout.rows);
            assertTrue(layout.holds(32));
        }
    }

    @Test
    void anyOtherShapeIsNotAClassifiers() {
        assertNull(BatchLayout.ofPredictions(new long[] {32, 3, 2}), "sequence outputs");
        assertNull(BatchLayout.ofPredictions(new long[] {}), "a scalar");
        assertNull(BatchLayout.ofPredictions(new long[] {32, 0}), "no scores");
    }

    @Test
    void aLayoutIsKnownForTheSameLossAndTheSameCounts() {
        Object loss = new Object();
        assertFalse(BatchLayout.knownFor(loss));
        BatchLayout read = BatchLayout.ofPredictions(new long[] {32, 4});
        BatchLayout.remember(loss, 128, 32, read);

        assertTrue(BatchLayout.knownFor(loss));
        assertSame(read, BatchLayout.known(loss, 128, 32), "the next full batch reads no shape");
        assertNull(BatchLayout.known(loss, 64, 16), "the last, smaller batch of an epoch reads its shape");
        assertNull(BatchLayout.known(loss, 128, 128), "one-hot labels with as many values as the scores");
        assertNull(BatchLayout.known(new Object(), 128, 32), "another loss: another model, perhaps");
        assertFalse(BatchLayout.knownFor(new Object()));
        assertFalse(BatchLayout.knownFor(null));
        assertNull(BatchLayout.known(null, 128, 32), "a batch whose loss is not known always reads its shape");
    }

    @Test
    void aBinaryAndAOneHotBatchOfEqualCountsAreToldApartByTheirLoss() {
        Object binaryLoss = new Object();
        Object softmaxLoss = new Object();
        BatchLayout binary = BatchLayout.ofPredictions(new long[] {32, 1});
        BatchLayout.remember(binaryLoss, 32, 32, binary);
        assertNull(BatchLayout.known(softmaxLoss, 32, 32), "(8, 4) one-hot: same counts, another loss");
        BatchLayout oneHot = BatchLayout.ofPredictions(new long[] {8, 4});
        BatchLayout.remember(softmaxLoss, 32, 32, oneHot);
        assertSame(oneHot, BatchLayout.known(softmaxLoss, 32, 32));
        assertNull(BatchLayout.known(binaryLoss, 32, 32), "only the last layout read is remembered");
    }

    @Test
    void aLayoutRemembersNoLossOfItsOwn() {
        BatchLayout.remember(null, 128, 32, BatchLayout.ofPredictions(new long[] {32, 4}));
        assertFalse(BatchLayout.knownFor(null));
    }

    @Test
    void knownCountsStillReadLabelsByTheirCount() {
        BatchLayout layout = BatchLayout.ofPredictions(new long[] {3, 4});
        float[] ids = {2, 0, 3};
        float[] oneHot = {0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1};
        assertArrayEquals(new int[] {2, 0, 3}, HostCopy.classIds(ids, layout.rows, layout.classes));
        assertArrayEquals(new int[] {2, 0, 3}, HostCopy.classIds(oneHot, layout.rows, layout.classes));
        assertNull(HostCopy.classIds(new float[6], layout.rows, layout.classes), "(B, 2) labels, 4 classes");
    }
}
