package dev.skewguard.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading the collector's report JSON (reports read through {@link InProcessCollector} are schema-checked). */
public final class Reports {
    private Reports() {
    }

    /** Per-class label counts of one mode ("train", "eval", ...), class id to count; empty if none. */
    public static Map<Integer, Long> classCounts(JsonNode report, String mode) {
        Map<Integer, Long> counts = new TreeMap<>();
        JsonNode classes = report.path("modes").path(mode).path("classes");
        Iterator<Map.Entry<String, JsonNode>> it = classes.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            counts.put(Integer.parseInt(e.getKey()), e.getValue().path("count").asLong());
        }
        return counts;
    }

    /** The frameworks whose batches the collector counted, in order of first sight. */
    public static List<String> frameworks(JsonNode report) {
        List<String> frameworks = new ArrayList<>();
        report.path("frameworks").forEach(f -> frameworks.add(f.asText()));
        return frameworks;
    }

    public static long batchesCounted(JsonNode report) {
        return report.path("batches_counted").asLong();
    }

    public static long droppedBatches(JsonNode report) {
        return report.path("dropped_batches").asLong();
    }

    /** Whether every worker of the job said Goodbye (the agent's exit flush completed). */
    public static boolean allSaidGoodbye(JsonNode report) {
        JsonNode workers = report.path("workers");
        if (!workers.isArray() || workers.isEmpty()) {
            return false;
        }
        for (JsonNode w : workers) {
            if (!w.path("said_goodbye").asBoolean(false)) {
                return false;
            }
        }
        return true;
    }
}
