package dev.skewguard.it.djl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.collector.server.CollectorServer;
import java.util.Arrays;
import java.util.Optional;

/** A collector's report of one job, read through {@link CollectorServer#reportJson(String)}. */
final class CollectorReport {
    final JsonNode root;

    private CollectorReport(JsonNode root) {
        this.root = root;
    }

    static Optional<CollectorReport> of(CollectorServer server, String job) throws Exception {
        Optional<String> json = server.reportJson(job);
        return json.isEmpty() ? Optional.empty() : Optional.of(new CollectorReport(ReportSchema.validated(json.get())));
    }

    /**
     * Waits (at most {@code timeoutMillis}) until the collector's counts for the mode equal {@code expected}, for
     * the data the agent flushed at exit to arrive; returns the report as it then is.
     */
    static CollectorReport awaitCounts(CollectorServer server, String job, String mode, long[] expected,
                                       long timeoutMillis, String runOutput) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            Optional<CollectorReport> report = of(server, job);
            if (report.isPresent() && Arrays.equals(report.get().counts(mode, expected.length), expected)) {
                return report.get();
            }
            if (System.currentTimeMillis() > deadline) {
                return report.orElseThrow(() -> new AssertionError("the collector never heard of job " + job
                        + "; the run printed:\n" + runOutput));
            }
            Thread.sleep(100);
        }
    }

    boolean triggered() {
        return root.path("triggered").asBoolean(false);
    }

    String summary() {
        return root.path("summary").asText();
    }

    /** Labels the collector counted per class in this mode (classes 0..classes-1; absent counts as 0). */
    long[] counts(String mode, int classes) {
        long[] counts = new long[classes];
        JsonNode perClass = root.path("modes").path(mode).path("classes");
        for (int c = 0; c < classes; c++) {
            counts[c] = perClass.path(Integer.toString(c)).path("count").asLong(0);
        }
        return counts;
    }

    long dataErrors() {
        return root.path("data_errors").asLong(0);
    }
}
