package dev.skewguard.collector.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.rule.ClassImbalanceRule;
import dev.skewguard.collector.rule.DType;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.Record;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.rule.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's advice: present, valid against the schema, with the weights of the finding's mode. */
class AdviceJsonTest {
    @Test
    void aTriggeredReportSaysWhichWeightsRebalanceAndHow() {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.DEFAULTS);
        JsonNode before = ReportSchema.validated(ReportJson.toJson(rule.report(), Map.of()));
        assertTrue(before.get("advice").isNull(), "no finding, no advice");
        rule.accept(record(labels(970, 20, 10)));
        JsonNode report = ReportSchema.validated(ReportJson.toJson(rule.report(), Map.of()));
        JsonNode advice = report.get("advice");
        assertEquals("train", advice.get("mode").asText());
        assertEquals(1000, advice.get("labels").asLong());
        assertEquals("w_c = N / (K * n_c)", advice.get("formula").asText());
        assertEquals(1000.0 / (3 * 970), advice.get("class_weights").get("0").asDouble(), 1e-12);
        assertEquals(1000.0 / (3 * 20), advice.get("class_weights").get("1").asDouble(), 1e-12);
        assertEquals(1000.0 / (3 * 10), advice.get("class_weights").get("2").asDouble(), 1e-12);
        assertTrue(advice.get("scale_pos_weight").isNull(), "three classes");
        assertTrue(advice.get("apply").get("dl4j").asText().contains("LossMCXENT"));
        assertTrue(advice.get("summary").asText().startsWith("class weights 2: 33.33, 1: 16.67, 0: 0.3436"),
                advice.get("summary").asText());
    }

    @Test
    void theSchemaRefusesAWeightThatIsNotPositive() {
        ClassImbalanceRule rule = new ClassImbalanceRule(RuleParameters.DEFAULTS);
        rule.accept(record(labels(990, 10)));
        String json = ReportJson.toJson(rule.report(), Map.of());
        assertTrue(ReportSchema.errors(json).isEmpty());
        assertTrue(!ReportSchema.errors(json.replaceFirst("\"0\" : 0\\.50[0-9]+", "\"0\" : -1")).isEmpty(),
                "the schema checks the weights");
    }

    private static long[] labels(int... perClass) {
        int n = 0;
        for (int c : perClass) {
            n += c;
        }
        long[] out = new long[n];
        int i = 0;
        for (int cls = 0; cls < perClass.length; cls++) {
            for (int k = 0; k < perClass[cls]; k++) {
                out[i++] = cls;
            }
        }
        return out;
    }

    private static Record record(long[] labels) {
        ByteBuffer b = ByteBuffer.allocate(labels.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : labels) {
            b.putLong(v);
        }
        return new Record(1, Mode.TRAIN, "", List.of(Tensor.of("train/labels", new long[] {labels.length},
                DType.INT64, b.flip())));
    }
}
