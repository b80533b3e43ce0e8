package dev.skewguard.collector.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skewguard.collector.rule.ClassImbalanceRule;
import dev.skewguard.collector.rule.DType;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.Record;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.rule.Tensor;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
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
        extra.put("lines", 1L);
        JsonNode json = ReportSchema.validated(ReportJson.toJson(rule.report(), extra));
        assertEquals(2, json.get("schema_version").asInt());
        assertEquals("ClassImbalance", json.get("rule").asText());
        assertTrue(json.get("triggered").asBoolean());
        JsonNode finding = json.get("finding");
        assertEquals(9, finding.get("step").asLong());
        assertEquals("train", finding.get("mode").asText());
        assertEquals("w0", finding.get("worker").asText());
        assertEquals(4, finding.get("labels").asLong());
        assertEquals("misprediction", finding.get("checks").get(0).asText());
        assertEquals(3.0, finding.get("ratio").asDouble());
        assertFalse(finding.get("ratio_infinite").asBoolean());
        assertEquals("train", json.get("mode").asText());
        assertEquals(3.0, json.get("ratio").asDouble());
        assertEquals(3, json.get("classes").get("0").get("count").asLong());
        assertEquals(1, json.get("classes").get("1").get("mispredicted").asLong());
        assertEquals(1.0, json.get("classes").get("1").get("misprediction_fraction").asDouble());
        assertEquals(4, json.get("samples_seen").asLong());
        assertEquals(0, json.get("data_errors").asLong());
        assertEquals(500 - 496, json.get("parameters").get("samples").asInt());
        assertEquals(1, finding.get("offending_classes").get(0).get("class").asLong());
        assertEquals(4, json.get("modes").get("train").get("samples_seen").asLong());
        assertEquals("j1", json.get("job").asText());
        assertEquals(1, json.get("lines").asLong());
        assertTrue(json.get("summary").asText().startsWith("ClassImbalance: misprediction above 0.7"));
    }

    @Test
    void emptyReportHasNullsNotMissingFields() throws Exception {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.DEFAULTS);
        rule.recordDataError("line 1: malformed JSON");
        JsonNode json = ReportSchema.validated(ReportJson.toJson(rule.report(), Map.of()));
        assertEquals(false, json.get("triggered").asBoolean());
        assertTrue(json.get("finding").isNull());
        assertTrue(json.get("mode").isNull());
        assertTrue(json.get("ratio").isNull());
        assertFalse(json.get("ratio_infinite").asBoolean(), "no ratio at all: nothing was counted");
        assertTrue(json.get("stop_decision").isNull());
        assertEquals(0, json.get("frameworks").size());
        assertTrue(json.get("timestamps").get("started").isNull());
        assertEquals(0, json.get("classes").size());
        assertTrue(json.get("nothing_matched").asBoolean());
        assertEquals(1, json.get("data_errors").asLong());
        assertEquals("line 1: malformed JSON", json.get("data_error_messages").get(0).asText());
    }

    @Test
    void infiniteRatioIsNullWithAFlagAndAbsentWorkerIsNull() throws Exception {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.builder().numClasses(2).samples(1).build());
        rule.accept(new Record(1, Mode.EVAL, null, List.of(uint8("labels", (byte) 0), uint8("predictions", (byte) 0))));
        JsonNode json = ReportSchema.validated(ReportJson.toJson(rule.report(), null));
        assertTrue(json.get("ratio").isNull());
        assertTrue(json.get("ratio_infinite").asBoolean());
        assertTrue(json.get("finding").get("ratio").isNull());
        assertTrue(json.get("finding").get("ratio_infinite").asBoolean());
        assertTrue(json.get("modes").get("eval").get("ratio_infinite").asBoolean());
        assertTrue(json.get("finding").get("worker").isNull(), "a record without a worker: null, not \"\"");
        assertEquals(0, json.get("classes").get("1").get("count").asLong());
    }

    @Test
    void findingKeepsTheTriggerWhileTopLevelCountsAreFinal() throws Exception {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.builder().samples(4).build());
        rule.accept(new Record(1, Mode.TRAIN, "w0", List.of(uint8("djl/train/labels", (byte) 0, (byte) 0, (byte) 0,
                (byte) 1), uint8("djl/train/predictions", (byte) 0, (byte) 0, (byte) 0, (byte) 0))));
        rule.accept(new Record(2, Mode.TRAIN, "w0", List.of(uint8("djl/train/labels", (byte) 1, (byte) 1),
                uint8("djl/train/predictions", (byte) 1, (byte) 1))));
        Instant t0 = Instant.parse("2026-01-02T03:04:05.006Z");
        ReportTimes times = new ReportTimes(t0, t0.plusSeconds(60), t0.plusSeconds(1), null);
        JsonNode json = ReportSchema.validated(ReportJson.toJson(rule.report(), null, times, List.of("djl"),
                Map.of()));
        assertEquals(3.0, json.get("finding").get("ratio").asDouble(), "the ratio at the trigger: 3 to 1");
        assertEquals(4, json.get("finding").get("labels").asLong());
        assertEquals(1.0, json.get("ratio").asDouble(), "the final ratio: 3 to 3, as the final classes say");
        assertEquals(3, json.get("classes").get("1").get("count").asLong());
        assertEquals(6, json.get("samples_seen").asLong());
        assertEquals("2026-01-02T03:04:05.006Z", json.get("timestamps").get("started").asText());
        assertEquals("2026-01-02T03:04:06.006Z", json.get("timestamps").get("first_trigger").asText());
        assertEquals("2026-01-02T03:05:05.006Z", json.get("timestamps").get("updated").asText());
        assertTrue(json.get("timestamps").get("stop_decision").isNull());
        assertEquals("djl", json.get("frameworks").get(0).asText());
    }

    @Test
    void schemaRejectsWhatVersionOneWrote() throws Exception {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.builder().numClasses(2).samples(1).build());
        rule.accept(new Record(1, Mode.EVAL, null, List.of(uint8("labels", (byte) 0), uint8("predictions", (byte) 0))));
        ObjectNode json = (ObjectNode) ReportSchema.validated(ReportJson.toJson(rule.report(), null));
        ObjectNode infinityString = json.deepCopy().put("ratio", "Infinity");
        assertFalse(ReportSchema.errors(infinityString.toString()).isEmpty(), "a ratio is never a string");
        ObjectNode emptyWorker = json.deepCopy();
        ((ObjectNode) emptyWorker.get("finding")).put("worker", "");
        assertFalse(ReportSchema.errors(emptyWorker.toString()).isEmpty(), "an absent worker is null, not \"\"");
        ObjectNode topLevelStep = json.deepCopy().put("step", 1);
        assertFalse(ReportSchema.errors(topLevelStep.toString()).isEmpty(), "the trigger's step is in finding");
        ObjectNode noVersion = json.deepCopy();
        noVersion.remove("schema_version");
        assertFalse(ReportSchema.errors(noVersion.toString()).isEmpty());
    }
}
