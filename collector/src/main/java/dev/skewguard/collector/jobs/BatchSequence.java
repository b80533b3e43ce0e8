package dev.skewguard.collector.jobs;

import dev.skewguard.collector.rule.Record;
import io.grpc.Status;
import io.grpc.StatusException;

/**
 * Where a batch's sequence stands among those of its worker instance, so that a batch sent again after a reconnect
 * counts once; and what counting it notes on the instance. Called under the instance's {@link Job}'s lock.
 */
enum BatchSequence {
    /** Counted before: not counted again. */
    DUPLICATE,
    /** The next one of the instance. */
    NEXT,
    /** An instance this collector knew nothing of resumes above sequence 1 (the collector lost state). */
    RESUMED;

    /**
     * Where {@code sequence} stands for {@code instance}.
     *
     * @throws StatusException OUT_OF_RANGE when the sequence skips ahead of a known instance's
     */
    static BatchSequence of(Instance instance, long sequence) throws StatusException {
        if (sequence <= instance.lastCountedSequence) {
            return DUPLICATE;
        }
        long expected = instance.lastCountedSequence + 1;
        if (sequence == expected) {
            return NEXT;
        }
        boolean unknown = instance.lastCountedSequence == 0 && instance.batchesCounted == 0;
        if (!unknown) {
            throw Status.OUT_OF_RANGE.withDescription("batch sequence " + sequence + " skips ahead: expected "
                    + expected + " (sequences start at 1 and have no gaps)").asException();
        }
        return RESUMED;
    }

    /**
     * Notes on {@code instance} that its batch {@code sequence} (NEXT or RESUMED) was counted; returns true when it
     * is the first counted batch of an instance attached to a running JVM (see {@link Instance#countsFrom}).
     */
    boolean counted(Instance instance, long sequence, long droppedSincePrevious, String task, Record record) {
        if (this == RESUMED) {
            instance.firstCountedSequence = sequence; // counted from here
        }
        instance.lastCountedSequence = sequence;
        instance.batchesCounted++;
        instance.droppedSinceSum += droppedSincePrevious;
        instance.countTask(task);
        return instance.countsFrom(record.mode().jsonName(), record.step(), sequence);
    }
}
