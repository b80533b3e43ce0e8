package dev.skewguard.collector.jobs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batches one worker instance counted per task (Batch.task: the part of the process that captured them, a Spark
 * task), in the order the tasks first came. Bounded: at most {@link #MAX_TASKS} tasks of at most
 * {@link #MAX_LABEL_LENGTH} characters (longer labels are cut); the batches of further tasks are counted together
 * under other_tasks. Guarded by the job's lock; stored with the instance.
 */
final class TaskTallies implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAX_TASKS = 256;
    static final int MAX_LABEL_LENGTH = 128;

    private final LinkedHashMap<String, Long> batches = new LinkedHashMap<>();
    private long otherTasksBatches;

    /** Counts one batch of {@code task} (non-empty). */
    void count(String task) {
        String label = task.length() <= MAX_LABEL_LENGTH ? task : task.substring(0, MAX_LABEL_LENGTH);
        Long n = batches.get(label);
        if (n != null) {
            batches.put(label, n + 1);
        } else if (batches.size() < MAX_TASKS) {
            batches.put(label, 1L);
        } else {
            otherTasksBatches++;
        }
    }

    /** The report's workers[].tasks: one object per task, then other_tasks if some were not kept apart. */
    List<Map<String, Object>> toJson() {
        List<Map<String, Object>> json = new ArrayList<>();
        for (Map.Entry<String, Long> task : batches.entrySet()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("task", task.getKey());
            entry.put("batches_counted", task.getValue());
            json.add(entry);
        }
        return json;
    }

    /** Batches of tasks beyond {@link #MAX_TASKS}. */
    long otherTasksBatches() {
        return otherTasksBatches;
    }
}
