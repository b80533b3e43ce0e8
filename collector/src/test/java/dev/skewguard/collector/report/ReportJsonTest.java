package dev.skewguard.collector.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skewguard.collector.rule.ClassImbalanceRule;
import dev.skewguard.collector.rule.DType;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.Record;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.rule.Tensor;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Tensor uint8(String name, byte... values) {
        return Tensor.of(name, new long[] {values.length}, DType.UINT8, ByteBuffer.wrap(values));
    }

    @Test
    void triggeredReportHasEveryField() throws Exception {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.builder().samples(4).build());
        rule.accept(new Record(9, Mode.TRAIN, "w0",
                List.of(uint8("x/labels", (byte) 0, (byte) 0, (byte) 0, (byte) 1),
                        uint8("x/predictions", (byte) 0, (byte) 0, (byte) 0, (byte) 0))));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("job", "j1");
        extra.put("workers", List.of("w0"));
        JsonNode json = MAPPER.readTree(ReportJson.toJson(rule.report(), extra));
        assertEquals("ClassImbalance", json.get("rule").asText());
        assertTrue(json.get("triggered").asBoolean());
        assertEquals(9, json.get("step").asLong());
        assertEquals("train", json.get("mode").asText());
        assertEquals("w0", json.get("worker").asText());
        assertEquals("misprediction", json.get("checks").get(0).asText());
        assertEquals(3.0, json.get("ratio").asDouble());
        assertEquals(3, json.get("classes").get("0").get("count").asLong());
        assertEquals(1, json.get("classes").get("1").get("mispredicted").asLong());
        assertEquals(1.0, json.get("classes").get("1").get("misprediction_fraction").asDouble());
        assertEquals(4, json.get("samples_seen").asLong());
        assertEquals(0, json.get("data_errors").asLong());
        assertEquals(500 - 496, json.get("parameters").get("samples").asInt());
        assertEquals(1, json.get("offending_classes").get(0).get("class").asLong());
        assertEquals(4, json.get("modes").get("train").get("samples_seen").asLong());
        assertEquals("j1", json.get("job").asText());
        assertEquals("w0", json.get("workers").get(0).asText());
        assertTrue(json.get("summary").asText().startsWith("ClassImbalance: misprediction above 0.7"));
    }

    @Test
    void emptyReportHasNullsNotMissingFields() throws Exception {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.DEFAULTS);
        rule.recordDataError("line 1: malformed JSON");
        JsonNode json = MAPPER.readTree(ReportJson.toJson(rule.report(), Map.of()));
        assertEquals(false, json.get("triggered").asBoolean());
        assertTrue(json.get("step").isNull());
        assertTrue(json.get("mode").isNull());
        assertTrue(json.get("worker").isNull());
        assertTrue(json.get("ratio").isNull());
        assertEquals(0, json.get("checks").size());
        assertEquals(0, json.get("classes").size());
        assertTrue(json.get("nothing_matched").asBoolean());
        assertEquals(1, json.get("data_errors").asLong());
        assertEquals("line 1: malformed JSON", json.get("data_error_messages").get(0).asText());
    }

    @Test
    void infiniteRatioIsTheStringInfinity() throws Exception {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.builder().numClasses(2).samples(1).build());
        rule.accept(new Record(1, Mode.EVAL, null, List.of(uint8("labels", (byte) 0), uint8("predictions", (byte) 0))));
        JsonNode json = MAPPER.readTree(ReportJson.toJson(rule.report(), null));
        assertEquals("Infinity", json.get("ratio").asText());
        assertEquals(0, json.get("classes").get("1").get("count").asLong());
    }
}
