package dev.skewguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the JSON that JMH wrote for {@link CaptureBenchmark} ({@code -rf json -rff FILE}) into the hot-path table:
 * per predictions mode and batch size, the bare copy, copy + record, and the difference (the agent's own cost), as
 * JMH's mean and as the best (lowest) measured iteration, which a shared, loaded machine disturbs least.
 * Arguments: JSON file, then the results file to append to.
 */
public final class CaptureSummary {
    private CaptureSummary() {
    }

    /** One benchmark result: mean, 99.9% error, best iteration (ns per batch). */
    record Score(double mean, double error, double best) {
    }

    public static void main(String[] args) throws IOException {
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        // "mode/size" -> method -> score
        Map<String, Map<String, Score>> byKey = new TreeMap<>();
        for (JsonNode r : results) {
            String bench = r.path("benchmark").asText();
            String method = bench.substring(bench.lastIndexOf('.') + 1);
            JsonNode params = r.path("params");
            String key = params.path("predictions").asText() + "/"
                    + String.format("%05d", params.path("batchSize").asInt());
            byKey.computeIfAbsent(key, k -> new TreeMap<>()).put(method, score(r.path("primaryMetric")));
        }
        ResultTable table = new ResultTable("2. Hot path: cost on the training thread per captured batch (JMH, ns/batch)",
                "predictions", "batch size", "bare copy, mean ± error", "copy + record, mean ± error",
                "beyond the copy, means", "bare copy, best", "copy + record, best", "beyond the copy, best",
                "target < 1000 ns");
        for (Map.Entry<String, Map<String, Score>> e : byKey.entrySet()) {
            String[] k = e.getKey().split("/");
            int n = Integer.parseInt(k[1]);
            Score copy = e.getValue().get("copyOnly");
            Score record = e.getValue().get("record");
            if (copy == null || record == null) {
                table.row(k[0], n, "-", "-", "-", "-", "-", "-", "not measured (see the JMH log)");
                continue;
            }
            double beyondMean = record.mean() - copy.mean();
            double beyondBest = record.best() - copy.best();
            String target = "indices".equals(k[0]) && n == 256
                    ? (beyondBest < 1000 && beyondMean < 1000 ? "met" : "MISSED") : "";
            table.row(k[0], n, cell(copy), cell(record), Stats.fmt(beyondMean, 0), Stats.fmt(copy.best(), 0),
                    Stats.fmt(record.best(), 0), Stats.fmt(beyondBest, 0), target);
        }
        table.note("ns per batch. 10 classes; indices: labels + predicted ids (int[N] each) through Capture.record; "
                + "scores: labels + N x 10 floats through Capture.recordScores. The agent's real BatchQueue, emptied "
                + "between invocations of 256 batches (never full: checked, no batch dropped). Mean ± JMH's 99.9% "
                + "error over the measured iterations; best: the lowest iteration.");
        table.emit(args.length > 1 ? Path.of(args[1]) : null);
    }

    private static Score score(JsonNode metric) {
        double best = Double.NaN;
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode v : fork) {
                best = Double.isNaN(best) ? v.asDouble() : Math.min(best, v.asDouble());
            }
        }
        return new Score(metric.path("score").asDouble(), metric.path("scoreError").asDouble(Double.NaN), best);
    }

    private static String cell(Score s) {
        return Stats.fmt(s.mean(), 0) + " ± " + (Double.isNaN(s.error()) ? "?" : Stats.fmt(s.error(), 0));
    }
}
