package dev.skewguard.collector.jsonl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skewguard.collector.rule.DType;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.Record;
import dev.skewguard.collector.rule.Tensor;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesRecordsTest {
    @Test
    void parsesTheIssuesExample() throws Exception {
        Record r = JsonLinesRecords.parse("{\"step\": 3, \"mode\": \"train\", \"worker\": \"w0\", \"tensors\": "
                + "{\"labels_0\": [0, 0, 1], \"predictions\": [[0.9, 0.1], [0.2, 0.8], [0.3, 0.7]]}}");
        assertEquals(3, r.step());
        assertEquals(Mode.TRAIN, r.mode());
        assertEquals("w0", r.worker());
        Tensor labels = r.tensors().get(0);
        assertEquals("labels_0", labels.name());
        assertEquals(DType.INT64, labels.dtype());
        assertArrayEquals(new long[] {3}, labels.shape());
        assertEquals(1, labels.getLong(2));
        Tensor predictions = r.tensors().get(1);
        assertEquals(DType.FLOAT64, predictions.dtype());
        assertArrayEquals(new long[] {3, 2}, predictions.shape());
        assertEquals(0.8, predictions.getDouble(3));
    }

    @Test
    void modeAndWorkerMayBeLeftOut() throws Exception {
        Record r = JsonLinesRecords.parse("{\"step\": 1, \"tensors\": {\"labels\": [2.0, 3], \"empty\": []}}");
        assertEquals(Mode.GLOBAL, r.mode());
        assertEquals("", r.worker());
        assertEquals(DType.FLOAT64, r.tensors().get(0).dtype());
        assertArrayEquals(new long[] {0}, r.tensors().get(1).shape());
    }

    @Test
    void nanIsANumberForTheRuleToRefuse() throws Exception {
        Record r = JsonLinesRecords.parse("{\"step\": 1, \"tensors\": {\"labels\": [NaN, 1]}}");
        assertEquals(Double.NaN, r.tensors().get(0).getDouble(0));
    }

    private static String error(String line) {
        return assertThrows(MalformedRecordException.class, () -> JsonLinesRecords.parse(line)).getMessage();
    }

    @Test
    void malformedLinesSayWhatIsWrong() {
        assertEquals("expected a JSON object, got an array", error("[1, 2]"));
        assertEquals("missing \"step\"", error("{\"tensors\": {}}"));
        assertEquals("\"tensors\" must be an object of name: values, got nothing", error("{\"step\": 1}"));
        assertEquals("unknown mode \"training\" (expected train, eval, predict or global)",
                error("{\"step\": 1, \"mode\": \"training\", \"tensors\": {}}"));
        assertEquals("\"worker\" must be a string, got 7", error("{\"step\": 1, \"worker\": 7, \"tensors\": {}}"));
        assertEquals("tensor \"l\": element [1] is a string, not a number",
                error("{\"step\": 1, \"tensors\": {\"l\": [1, \"2\"]}}"));
        assertEquals("tensor \"l\": ragged array: element [1] should be an array of 2 but is an array of 1",
                error("{\"step\": 1, \"tensors\": {\"l\": [[1, 2], [3]]}}"));
        assertEquals("tensor \"l\": value is null, not a number", error("{\"step\": 1, \"tensors\": {\"l\": null}}"));
    }

    @Test
    void readNumbersLinesAndGoesOnAfterAMalformedOne() throws Exception {
        List<Record> records = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long lines = JsonLinesRecords.read(new BufferedReader(new StringReader(
                "{\"step\": 1, \"tensors\": {}}\n\n{oops\n{\"step\": 4, \"tensors\": {}}\n")), records::add,
                errors::add);
        assertEquals(4, lines);
        assertEquals(List.of(1L, 4L), records.stream().map(Record::step).toList());
        assertEquals(1, errors.size());
        assertEquals("line 3: malformed JSON: ", errors.get(0).substring(0, 24));
    }
}
