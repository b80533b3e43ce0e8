package dev.skewguard.collector.transport;

import dev.skewguard.collector.jobs.CountedBatch;
import dev.skewguard.collector.jobs.Instance;
import dev.skewguard.collector.jobs.Job;
import dev.skewguard.collector.jobs.JobRegistry;
import dev.skewguard.collector.protocol.ProtoRecords;
import dev.skewguard.collector.rule.Headroom;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.Record;
import dev.skewguard.proto.v1.Ack;
import dev.skewguard.proto.v1.Batch;
import io.grpc.Status;
import io.grpc.StatusException;

/**
 * What a stream that joined a job counts for its worker instance: each Batch into the job (telling the registry
 * what is news), and the Ack of what is counted. Immutable once the stream joined.
 */
final class InstanceCounting {
    private final JobRegistry registry;
    private final Job job;
    private final Instance instance;
    private final String workerId;

    InstanceCounting(JobRegistry registry, Job job, Instance instance, String workerId) {
        this.registry = registry;
        this.job = job;
        this.instance = instance;
        this.workerId = workerId;
    }

    /** Counts one batch; returns the instance's counted_through after it. */
    long count(Batch batch) throws StatusException {
        if (batch.getSequence() < 1) {
            throw Status.INVALID_ARGUMENT.withDescription("batch sequence must start at 1, got "
                    + Long.toUnsignedString(batch.getSequence())).asException();
        }
        Record record = ProtoRecords.toRecord(batch, workerId);
        CountedBatch counted = job.count(instance, batch.getSequence(), batch.getDroppedSincePrevious(),
                batch.getFramework(), batch.getTask(), record);
        if (counted.attachedCountsStart()) {
            registry.attachedCountsStart(job, workerId, instance, record);
        }
        if (counted.newsworthy()) {
            registry.triggered(job, counted);
        }
        return counted.countedThrough();
    }

    /**
     * The Ack through {@code countedThrough}, with the job's headroom as this agent's share. Read after the counts it
     * acknowledges (and maybe after later ones of this stream, which only makes the agent more careful).
     */
    Ack ack(long countedThrough) {
        Ack.Builder ack = Ack.newBuilder().setCountedThrough(countedThrough);
        if (job.durable()) {
            ack.setPersistedThrough(Math.min(countedThrough, job.persistedThrough(instance)));
        }
        Headroom headroom = job.headroomShare();
        ack.setLabelsToSpare(headroom.labels()).setClassesBelow(headroom.classesBelow());
        for (Mode mode : headroom.modes()) {
            ack.addCountedModes(ProtoRecords.toProto(mode));
        }
        return ack.build();
    }
}
