package dev.skewguard.collector.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skewguard.collector.decision.Decision;
import dev.skewguard.collector.decision.DecisionReport;
import dev.skewguard.collector.decision.Span;
import dev.skewguard.collector.rule.ClassStats;
import dev.skewguard.collector.rule.Finding;
import dev.skewguard.collector.rule.ModeReport;
import dev.skewguard.collector.rule.Report;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The ClassImbalance report as JSON: the document `evaluate` prints, `serve --report-dir` writes and GetReport
 * returns. Field by field in the README ("Offline evaluation and the ClassImbalance rule").
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /**
     * The report as an indented JSON object; {@code extraFields} (for example "job", "workers",
     * "dropped_batches") are appended after the rule's fields, and replace a rule field of the same name.
     */
    public static String toJson(Report report, Map<String, Object> extraFields) {
        return toJson(report, null, extraFields);
    }

    /** As {@link #toJson(Report, Map)}, with the stop decision's fields ({@code stop_decision}: null without one). */
    public static String toJson(Report report, DecisionReport decision, Map<String, Object> extraFields) {
        ObjectNode root = toTree(report);
        if (decision == null) {
            root.putNull("stop_decision");
        } else {
            root.set("stop_decision", decision(decision));
        }
        if (extraFields != null) {
            for (Map.Entry<String, Object> e : extraFields.entrySet()) {
                root.set(e.getKey(), MAPPER.valueToTree(e.getValue()));
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report as a Jackson tree, for callers that add to it. */
    public static ObjectNode toTree(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        Finding finding = report.finding().orElse(null);
        root.put("rule", "ClassImbalance");
        root.put("triggered", report.triggered());
        root.put("summary", report.summary());
        if (finding != null) {
            root.put("step", finding.step());
            root.put("trigger_labels", finding.labels());
        } else {
            root.putNull("step");
            root.putNull("trigger_labels");
        }
        putNullable(root, "mode", report.reportedMode().map(m -> m.jsonName()).orElse(null));
        putNullable(root, "worker", finding == null ? null : finding.worker());
        ArrayNode checks = root.putArray("checks");
        if (finding != null) {
            finding.checks().forEach(checks::add);
        }
        putRatio(root, "ratio", report.ratio());
        root.set("classes", classes(report.classes()));
        root.put("samples_seen", report.samplesSeen());
        ArrayNode offending = root.putArray("offending_classes");
        if (finding != null) {
            for (ClassStats c : finding.classes()) {
                ObjectNode o = offending.addObject();
                o.put("class", c.classId());
                putClassFields(o, c);
            }
        }
        root.put("records", report.records());
        root.put("nothing_matched", report.nothingMatched());
        root.put("unmatched_records", report.unmatchedRecords());
        root.put("data_errors", report.dataErrors());
        ArrayNode messages = root.putArray("data_error_messages");
        report.dataErrorMessages().forEach(messages::add);
        putNullable(root, "configuration_error", report.configurationError().orElse(null));
        root.put("configuration_error_records", report.configurationErrorRecords());
        ArrayNode names = root.putArray("tensor_names_seen");
        report.tensorNamesSeen().forEach(names::add);
        ObjectNode modes = root.putObject("modes");
        for (ModeReport m : report.modes().values()) {
            ObjectNode o = modes.putObject(m.mode().jsonName());
            o.put("samples_seen", m.samplesSeen());
            o.put("records", m.records());
            putRatio(o, "ratio", m.ratio());
            o.set("classes", classes(m.classes()));
        }
        root.set("parameters", MAPPER.valueToTree(report.parameters().asMap()));
        return root;
    }

    private static ObjectNode decision(DecisionReport report) {
        ObjectNode o = MAPPER.createObjectNode();
        Decision d = report.decision();
        o.put("decided", d != null);
        o.put("patience_imbalance", report.patience().imbalanceLabels());
        o.put("patience_misprediction", report.patience().mispredictionLabels());
        if (d == null) {
            for (String field : List.of("step", "mode", "worker", "labels", "held_since_step", "held_labels",
                    "summary")) {
                o.putNull(field);
            }
            o.putArray("checks");
        } else {
            o.put("step", d.finding().step());
            o.put("mode", d.finding().mode().jsonName());
            o.put("worker", d.finding().worker());
            o.put("labels", d.finding().labels());
            o.put("held_since_step", d.heldSinceStep());
            o.put("held_labels", d.heldLabels());
            o.put("summary", d.summary());
            ArrayNode checks = o.putArray("checks");
            d.held().forEach(checks::add);
        }
        ArrayNode holding = o.putArray("holding");
        for (Span span : report.holding()) {
            ObjectNode h = holding.addObject();
            h.put("mode", span.mode().jsonName());
            h.put("check", span.check());
            h.put("since_step", span.sinceStep());
            h.put("since_labels", span.sinceLabels());
            h.put("held_labels", span.heldLabels());
        }
        o.put("resets", report.ended());
        return o;
    }

    private static ObjectNode classes(List<ClassStats> classes) {
        ObjectNode node = MAPPER.createObjectNode();
        for (ClassStats c : classes) {
            putClassFields(node.putObject(Long.toString(c.classId())), c);
        }
        return node;
    }

    private static void putClassFields(ObjectNode o, ClassStats c) {
        o.put("count", c.count());
        o.put("mispredicted", c.mispredicted());
        o.put("misprediction_fraction", c.mispredictionFraction());
        o.put("with_predictions", c.withPredictions());
    }

    /** A finite ratio as a number, +Infinity as the string "Infinity" (JSON has no infinity), NaN as null. */
    private static void putRatio(ObjectNode o, String name, double ratio) {
        if (Double.isNaN(ratio)) {
            o.putNull(name);
        } else if (Double.isInfinite(ratio)) {
            o.put(name, "Infinity");
        } else {
            o.put(name, ratio);
        }
    }

    private static void putNullable(ObjectNode o, String name, String value) {
        if (value == null) {
            o.putNull(name);
        } else {
            o.put(name, value);
        }
    }
}
