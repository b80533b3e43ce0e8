package dev.skewguard.collector.jobs;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the counts of a worker instance attached to a running JVM (Hello.attached) start: per mode, in the order
 * the modes first came, the step and sequence of the instance's first counted batch of that mode. Batches before
 * the attach were never seen. Guarded by the job's lock; stored with the instance.
 */
final class CountsStart implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Mode (its JSON name) to {step, sequence}. */
    private final LinkedHashMap<String, long[]> byMode = new LinkedHashMap<>();

    /** Notes a counted batch; true when it is the instance's first counted batch of all. */
    boolean counted(String mode, long step, long sequence) {
        boolean first = byMode.isEmpty();
        byMode.putIfAbsent(mode, new long[] {step, sequence});
        return first;
    }

    /** {@code {"train": {"step": 57, "sequence": 1}, ...}}. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : byMode.entrySet()) {
            Map<String, Object> start = new LinkedHashMap<>();
            start.put("step", e.getValue()[0]);
            start.put("sequence", e.getValue()[1]);
            json.put(e.getKey(), start);
        }
        return json;
    }
}
