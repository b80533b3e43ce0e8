package dev.skewguard.collector.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skewguard.collector.decision.Decision;
import dev.skewguard.collector.decision.DecisionReport;
import dev.skewguard.collector.decision.Span;
import java.util.List;

/** The report's {@code stop_decision} object (docs/rule.md, "The report"; report.schema.json). */
final class DecisionJson {
    private DecisionJson() {
    }

    static ObjectNode of(DecisionReport report) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
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
            ReportJson.putWorker(o, d.finding().worker());
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
}
