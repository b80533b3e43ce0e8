package dev.skewguard.collector.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skewguard.collector.history.ModeHistory;
import java.io.UncheckedIOException;

/**
 * The JSON the dashboard reads: a job's report (as GetReport returns it) plus {@code history}; and the jobs list.
 * Field by field in docs/collector.md ("The dashboard").
 */
public final class DashboardJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DashboardJson() {
    }

    /** The job's document: its report's fields, then {@code history} per mode. */
    public static ObjectNode job(DashboardJobs.JobView view) {
        ObjectNode root = (ObjectNode) parse(view.reportJson());
        ObjectNode history = root.putObject("history");
        view.history().forEach((mode, snapshot) -> history.set(mode, history(snapshot)));
        return root;
    }

    /** One line of the jobs list: the fields a person scans for, read from the job's report. */
    public static ObjectNode listEntry(String reportJson) {
        JsonNode report = parse(reportJson);
        ObjectNode o = MAPPER.createObjectNode();
        o.set("job", report.path("job"));
        o.put("state", state(report));
        o.set("triggered", report.path("triggered"));
        o.set("labels", report.path("samples_seen"));
        o.set("connected_workers", report.path("connected_workers"));
        o.set("summary", report.path("summary"));
        return o;
    }

    private static String state(JsonNode report) {
        if (report.path("stopped").asBoolean()) {
            return "stopped";
        }
        if (report.path("stop_decision").path("decided").asBoolean()) {
            return "stop decided";
        }
        if (report.path("triggered").asBoolean()) {
            return "triggered";
        }
        return report.path("connected_workers").asInt() > 0 ? "training" : "idle";
    }

    static ObjectNode history(ModeHistory.Snapshot s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("stride", s.stride());
        ArrayNode labels = o.putArray("labels");
        for (long v : s.labels()) {
            labels.add(v);
        }
        ArrayNode steps = o.putArray("steps");
        for (long v : s.steps()) {
            steps.add(v);
        }
        ArrayNode ratios = o.putArray("ratio");
        for (double v : s.ratios()) {
            addNumber(ratios, v);
        }
        ObjectNode classes = o.putObject("misprediction_fraction");
        for (int c = 0; c < s.classIds().length; c++) {
            ArrayNode series = classes.putArray(Long.toString(s.classIds()[c]));
            for (float v : s.fractions()[c]) {
                addNumber(series, v);
            }
        }
        ArrayNode mean = o.putArray("rest_mean_misprediction_fraction");
        for (double v : s.restMean()) {
            addNumber(mean, v);
        }
        ArrayNode max = o.putArray("rest_max_misprediction_fraction");
        for (double v : s.restMax()) {
            addNumber(max, v);
        }
        return o;
    }

    /** NaN as null; +Infinity as the string "Infinity", as the report writes ratios. */
    private static void addNumber(ArrayNode array, double v) {
        if (Double.isNaN(v)) {
            array.addNull();
        } else if (Double.isInfinite(v)) {
            array.add("Infinity");
        } else {
            array.add(v);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
