package dev.skewguard.collector.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skewguard.collector.advice.Advice;
import dev.skewguard.collector.decision.DecisionReport;
import dev.skewguard.collector.rule.ClassStats;
import dev.skewguard.collector.rule.Finding;
import dev.skewguard.collector.rule.ModeReport;
import dev.skewguard.collector.rule.Report;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The ClassImbalance report as JSON, version {@value #SCHEMA_VERSION}: the document `evaluate` prints,
 * `serve --report-dir` writes and GetReport returns. Field by field in docs/rule.md ("The report") and in the JSON
 * Schema {@value #SCHEMA_RESOURCE} (in the collector jar and under collector/src/main/resources).
 */
public final class ReportJson {
    /** The report layout's version, the report's {@code schema_version}. */
    public static final int SCHEMA_VERSION = 2;
    /** The report's JSON Schema, as a class-path resource. */
    public static final String SCHEMA_RESOURCE = "/skewguard/report.schema.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** The report without a stop decision, times or frameworks (tests, tools); see the full form below. */
    public static String toJson(Report report, Map<String, Object> extraFields) {
        return toJson(report, null, ReportTimes.NONE, List.of(), extraFields);
    }

    /**
     * The report as an indented JSON object: the rule's fields, {@code stop_decision} (null without
     * {@code decision}), {@code timestamps} and {@code frameworks}, then {@code extraFields} (for example "job",
     * "workers", "dropped_batches"), which replace a field of the same name.
     */
    public static String toJson(Report report, DecisionReport decision, ReportTimes times, List<String> frameworks,
            Map<String, Object> extraFields) {
        ObjectNode root = toTree(report);
        ArrayNode captured = root.putArray("frameworks");
        frameworks.forEach(captured::add);
        ObjectNode stamps = root.putObject("timestamps");
        putTime(stamps, "started", times.started());
        putTime(stamps, "updated", times.updated());
        putTime(stamps, "first_trigger", times.firstTrigger());
        putTime(stamps, "stop_decision", times.stopDecision());
        if (decision == null) {
            root.putNull("stop_decision");
        } else {
            root.set("stop_decision", DecisionJson.of(decision));
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

    /** The rule's part of the report as a Jackson tree. */
    public static ObjectNode toTree(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("rule", "ClassImbalance");
        root.put("triggered", report.triggered());
        root.put("summary", report.summary());
        Finding finding = report.finding().orElse(null);
        if (finding == null) {
            root.putNull("finding");
        } else {
            root.set("finding", finding(finding));
        }
        Advice advice = Advice.of(report).orElse(null);
        root.set("advice", advice == null ? root.nullNode() : AdviceJson.of(advice));
        putNullable(root, "mode", report.reportedMode().map(m -> m.jsonName()).orElse(null));
        putRatio(root, report.reportedMode().map(m -> report.modes().get(m).ratio()).orElse(Double.NaN));
        root.set("classes", classes(report.classes()));
        root.put("samples_seen", report.samplesSeen());
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
            putRatio(o, m.ratio());
            o.set("classes", classes(m.classes()));
        }
        root.set("parameters", MAPPER.valueToTree(report.parameters().asMap()));
        return root;
    }

    /** The rule's first trigger as it was then: its fields never change once it fired. */
    public static ObjectNode finding(Finding finding) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("step", finding.step());
        o.put("mode", finding.mode().jsonName());
        putWorker(o, finding.worker());
        o.put("labels", finding.labels());
        ArrayNode checks = o.putArray("checks");
        finding.checks().forEach(checks::add);
        putRatio(o, finding.ratio());
        ArrayNode offending = o.putArray("offending_classes");
        for (ClassStats c : finding.classes()) {
            ObjectNode oc = offending.addObject();
            oc.put("class", c.classId());
            putClassFields(oc, c);
        }
        o.put("summary", finding.summary());
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

    /**
     * {@code ratio} and {@code ratio_infinite}: a finite ratio is a number and ratio_infinite false; an infinite
     * one (a class never seen) is null with ratio_infinite true (JSON has no infinity); no ratio (nothing counted)
     * is null with ratio_infinite false.
     */
    private static void putRatio(ObjectNode o, double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            o.putNull("ratio");
        } else {
            o.put("ratio", ratio);
        }
        o.put("ratio_infinite", Double.isInfinite(ratio));
    }

    /** A worker id, null when the batch named none (the rule keeps "" then). */
    static void putWorker(ObjectNode o, String worker) {
        putNullable(o, "worker", worker == null || worker.isEmpty() ? null : worker);
    }

    private static void putTime(ObjectNode o, String name, Instant time) {
        putNullable(o, name, time == null ? null : time.toString());
    }

    private static void putNullable(ObjectNode o, String name, String value) {
        if (value == null) {
            o.putNull(name);
        } else {
            o.put(name, value);
        }
    }
}
