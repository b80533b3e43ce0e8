package dev.skewguard.collector.jobs;

import dev.skewguard.proto.v1.Goodbye;
import dev.skewguard.proto.v1.Hello;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a job knows of one worker instance (one start of one process): who it is and how far it has been counted.
 * Guarded by its {@link Job}'s lock. Serializable: a job's stored state holds its instances (not their streams).
 */
public final class Instance implements Serializable {
    private static final long serialVersionUID = 1L;

    final String instanceId;
    String workerId;
    String host;
    long pid;
    List<String> frameworks;
    String agentVersion;
    long lastCountedSequence;
    long batchesCounted;
    /** Above 1 when the collector knew nothing of the instance when it resumed (it lost its state). */
    long firstCountedSequence;
    long droppedSinceSum;
    long droppedTotalAtGoodbye;
    long unsentAtGoodbye;
    boolean saidGoodbye;
    /** Hello.attached: its agent was attached to a JVM already running, and counts only what followed. */
    boolean attached;
    /** With attached: where its counts start, per mode; null until its first counted batch. */
    CountsStart countsStart;
    /** Batches counted per task (Batch.task); null until a batch names one. */
    TaskTallies tasks;
    transient int connectedStreams;
    /** The highest sequence stored durably (state dir); 0 without one. Not stored: known once stored. */
    transient long persistedSequence;
    /** The connection of the live streams (see {@link JobInstances#join}); not in the report, not stored. */
    transient String connection;

    Instance(String instanceId) {
        this.instanceId = instanceId;
    }

    void describe(Hello hello) {
        workerId = hello.getWorkerId();
        host = hello.getHost();
        pid = hello.getPid();
        frameworks = List.copyOf(hello.getFrameworksList());
        agentVersion = hello.getAgentVersion();
        attached = hello.getAttached();
    }

    /**
     * Notes, for an attached instance, where its counts start in the mode of a counted batch; true when the batch is
     * its first counted batch of all (the collector then says from which step it counts).
     */
    boolean countsFrom(String mode, long step, long sequence) {
        if (!attached) {
            return false;
        }
        if (countsStart == null) {
            countsStart = new CountsStart();
        }
        return countsStart.counted(mode, step, sequence);
    }

    /** The instance said Goodbye: what it says it dropped and left unsent (the most it ever said). */
    void goodbye(Goodbye goodbye) {
        saidGoodbye = true;
        droppedTotalAtGoodbye = Math.max(droppedTotalAtGoodbye, goodbye.getDroppedTotal());
        unsentAtGoodbye = Math.max(unsentAtGoodbye, goodbye.getUnsent());
    }

    /** Counts one batch of {@code task} ("" when the batch names none). */
    void countTask(String task) {
        if (task.isEmpty()) {
            return;
        }
        if (tasks == null) {
            tasks = new TaskTallies();
        }
        tasks.count(task);
    }

    /** Batches this instance lost: the larger of what its batches said and what its Goodbye said. */
    long droppedBatches() {
        return Math.max(droppedSinceSum, droppedTotalAtGoodbye);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("worker_id", workerId);
        json.put("instance_id", instanceId);
        json.put("host", host);
        json.put("pid", pid);
        json.put("frameworks", frameworks);
        json.put("agent_version", agentVersion);
        json.put("attached", attached);
        if (countsStart != null) {
            json.put("counts_start", countsStart.toJson());
        }
        json.put("connected", connectedStreams > 0);
        json.put("said_goodbye", saidGoodbye);
        json.put("last_counted_sequence", lastCountedSequence);
        json.put("batches_counted", batchesCounted);
        if (firstCountedSequence > 1) {
            json.put("first_counted_sequence", firstCountedSequence);
        }
        json.put("dropped_batches", droppedBatches());
        json.put("unsent_batches", unsentAtGoodbye);
        if (tasks != null) {
            json.put("tasks", tasks.toJson());
            if (tasks.otherTasksBatches() > 0) {
                json.put("other_tasks_batches_counted", tasks.otherTasksBatches());
            }
        }
        return json;
    }
}
