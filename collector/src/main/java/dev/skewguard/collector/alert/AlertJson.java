package dev.skewguard.collector.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skewguard.collector.advice.Advice;
import dev.skewguard.collector.decision.Decision;
import dev.skewguard.collector.report.AdviceJson;
import dev.skewguard.collector.report.ReportJson;
import dev.skewguard.collector.rule.Finding;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A webhook body, version {@value #SCHEMA_VERSION}: {@code schema_version}, {@code id} (the same on every retry of
 * one alert), {@code event} ({@link AlertEvent}), {@code time}, {@code job}, {@code action}, {@code summary},
 * {@code finding} (as the report's; at the decision for {@code stop_decision} and {@code stop_sent}),
 * {@code stop_decision}, {@code agents_stopped}, {@code advice} (as the report's). Field by field in the JSON Schema
 * {@value #SCHEMA_RESOURCE} and docs/collector.md ("Alerts").
 */
public final class AlertJson {
    public static final int SCHEMA_VERSION = 1;
    public static final String SCHEMA_RESOURCE = "/skewguard/alert.schema.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {
    }

    /** The rule's first trigger. */
    static byte[] triggered(String jobId, String action, Finding finding, Advice advice) {
        ObjectNode o = head(AlertEvent.TRIGGERED, jobId, action, finding.summary());
        o.set("finding", ReportJson.finding(finding));
        o.putNull("stop_decision");
        o.putNull("agents_stopped");
        return end(o, advice);
    }

    /** The stop decision ({@code agentsStopped} null), or the Stop sent to {@code agentsStopped} agents. */
    static byte[] decided(String jobId, String action, Decision decision, Integer agentsStopped, Advice advice) {
        ObjectNode o = head(agentsStopped == null ? AlertEvent.STOP_DECISION : AlertEvent.STOP_SENT, jobId, action,
                decision.summary());
        o.set("finding", ReportJson.finding(decision.finding()));
        ObjectNode d = o.putObject("stop_decision");
        ArrayNode held = d.putArray("held");
        decision.held().forEach(held::add);
        d.put("held_labels", decision.heldLabels());
        d.put("held_since_step", decision.heldSinceStep());
        d.put("first_trigger_mode", decision.firstTrigger().mode().jsonName());
        d.put("first_trigger_step", decision.firstTrigger().step());
        if (agentsStopped == null) {
            o.putNull("agents_stopped");
        } else {
            o.put("agents_stopped", agentsStopped);
        }
        return end(o, advice);
    }

    private static ObjectNode head(AlertEvent event, String jobId, String action, String summary) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("schema_version", SCHEMA_VERSION);
        o.put("id", UUID.randomUUID().toString());
        o.put("event", event.jsonName());
        o.put("time", Instant.now().toString());
        o.put("job", jobId);
        o.put("action", action);
        o.put("summary", summary);
        return o;
    }

    private static byte[] end(ObjectNode o, Advice advice) {
        o.set("advice", advice == null ? o.nullNode() : AdviceJson.of(advice));
        try {
            return MAPPER.writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
