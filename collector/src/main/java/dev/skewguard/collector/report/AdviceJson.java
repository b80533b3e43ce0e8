package dev.skewguard.collector.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skewguard.collector.advice.Advice;
import dev.skewguard.collector.advice.ClassWeights;
import dev.skewguard.collector.advice.FrameworkAdvice;

/**
 * The report's {@code advice} ({@link Advice}): {@code mode}, {@code labels}, {@code formula},
 * {@code class_weights} by class id, {@code unseen_classes}, {@code scale_pos_weight} (binary jobs, else null),
 * {@code apply} per framework, {@code summary}. Also the webhook body's {@code advice}.
 */
public final class AdviceJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AdviceJson() {
    }

    public static ObjectNode of(Advice advice) {
        ClassWeights weights = advice.weights();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("mode", advice.mode().jsonName());
        o.put("labels", weights.labels());
        o.put("formula", ClassWeights.FORMULA);
        ObjectNode byClass = o.putObject("class_weights");
        for (ClassWeights.Weight w : weights.weights()) {
            byClass.put(Long.toString(w.classId()), w.weight());
        }
        ArrayNode unseen = o.putArray("unseen_classes");
        weights.unseen().forEach(unseen::add);
        if (weights.scalePosWeight().isPresent()) {
            o.put("scale_pos_weight", weights.scalePosWeight().get());
        } else {
            o.putNull("scale_pos_weight");
        }
        ObjectNode apply = o.putObject("apply");
        FrameworkAdvice.all(weights).forEach(apply::put);
        o.put("summary", advice.summary());
        return o;
    }
}
