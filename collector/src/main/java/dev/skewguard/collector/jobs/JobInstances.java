package dev.skewguard.collector.jobs;

import dev.skewguard.collector.logging.LogText;
import dev.skewguard.proto.v1.Hello;
import io.grpc.Status;
import io.grpc.StatusException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker instances of one job (each start of a worker process is one, by Hello.instance_id), in the order they
 * first said Hello: the limit on how many a job may have, which connection streams each, and their totals for the
 * job's report. Guarded by its {@link Job}'s lock, like the instances themselves.
 */
final class JobInstances {
    private final String jobId;
    private final int max;
    private final Map<String, Instance> byId = new LinkedHashMap<>();

    JobInstances(String jobId, int max) {
        this.jobId = jobId;
        this.max = max;
    }

    /** The instances of a job stored in the state dir: everything they counted is stored. */
    void restore(List<Instance> stored) {
        for (Instance instance : stored) {
            instance.persistedSequence = instance.lastCountedSequence;
            byId.put(instance.instanceId, instance);
        }
    }

    /**
     * The instance a Hello on {@code connection} names, made if new, now with one more live stream.
     *
     * @throws StatusException RESOURCE_EXHAUSTED when the instance is new and the job has {@code max} already;
     *     ALREADY_EXISTS when the instance has a live stream on another connection
     */
    Instance join(Hello hello, String connection) throws StatusException {
        Instance instance = byId.get(hello.getInstanceId());
        if (instance == null) {
            if (byId.size() >= max) {
                throw Status.RESOURCE_EXHAUSTED.withDescription("job " + LogText.quote(jobId) + " has "
                        + byId.size() + " worker instances, the collector's limit (--max-instances-per-job "
                        + max + "); each JVM start is one: give each run its own job id, or restart the "
                        + "collector with a higher --max-instances-per-job").asException();
            }
            instance = new Instance(hello.getInstanceId());
            byId.put(instance.instanceId, instance);
        } else if (instance.connectedStreams > 0 && !connection.equals(instance.connection)) {
            throw Status.ALREADY_EXISTS.withDescription("instance " + LogText.quote(hello.getInstanceId())
                    + " of job " + LogText.quote(jobId) + " is already streaming on another connection; a new "
                    + "process must use a new instance_id (the same process retries once its old connection is "
                    + "gone)").asException();
        }
        instance.connection = connection;
        instance.describe(hello);
        instance.connectedStreams++;
        return instance;
    }

    Instance get(String instanceId) {
        return byId.get(instanceId);
    }

    /** A copy of the list, in Hello order. */
    List<Instance> all() {
        return new ArrayList<>(byId.values());
    }

    int size() {
        return byId.size();
    }

    /** True if every instance said Goodbye (and so when there is none). */
    boolean allSaidGoodbye() {
        for (Instance instance : byId.values()) {
            if (!instance.saidGoodbye) {
                return false;
            }
        }
        return true;
    }

    long droppedBatches() {
        long dropped = 0;
        for (Instance instance : byId.values()) {
            dropped += instance.droppedBatches();
        }
        return dropped;
    }

    /** A commit stored {@code stored} as they were counted through {@code sequences} (same order). */
    static void persisted(List<Instance> stored, long[] sequences) {
        for (int i = 0; i < sequences.length; i++) {
            Instance instance = stored.get(i);
            instance.persistedSequence = Math.max(instance.persistedSequence, sequences[i]);
        }
    }

    /** What the job's report says of its workers. */
    record Totals(long dropped, long unsent, int connected, int attached, List<Map<String, Object>> workers) {
    }

    Totals totals() {
        long dropped = 0;
        long unsent = 0;
        int connected = 0;
        int attached = 0;
        List<Map<String, Object>> workers = new ArrayList<>();
        for (Instance instance : byId.values()) {
            dropped += instance.droppedBatches();
            unsent += instance.unsentAtGoodbye;
            connected += instance.connectedStreams > 0 ? 1 : 0;
            attached += instance.attached ? 1 : 0;
            workers.add(instance.toJson());
        }
        return new Totals(dropped, unsent, connected, attached, workers);
    }
}
