package dev.skewguard.collector.jsonl;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.skewguard.collector.rule.DType;
import dev.skewguard.collector.rule.Mode;
import dev.skewguard.collector.rule.Record;
import dev.skewguard.collector.rule.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Records from JSON Lines, one record a line, read line by line (the file is never held whole):
 * {@code {"step": 3, "mode": "train", "worker": "w0", "tensors": {"labels_0": [0, 0, 1], "predictions": [[0.9,
 * 0.1], [0.2, 0.8], [0.3, 0.7]]}}}. "step" and "tensors" are required; "mode" (default global) and "worker" may be
 * left out. A tensor is a number or a rectangular nested array of numbers; its shape is the nesting. Whole numbers
 * become an INT64 tensor, anything else FLOAT64. NaN and Infinity are accepted as numbers (the rule then refuses
 * them as class ids).
 */
public final class JsonLinesRecords {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JsonLinesRecords() {
    }

    /**
     * Reads every line of {@code reader}: each record goes to {@code records}; each malformed line's message,
     * prefixed with "line N: ", goes to {@code malformed}, and reading goes on. Blank lines are skipped.
     *
     * @return the number of lines read
     * @throws IOException if reading fails
     */
    public static long read(BufferedReader reader, Consumer<Record> records, Consumer<String> malformed)
            throws IOException {
        long lineNumber = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            Record record;
            try {
                record = parse(line);
            } catch (MalformedRecordException e) {
                malformed.accept("line " + lineNumber + ": " + e.getMessage());
                continue;
            }
            records.accept(record);
        }
        return lineNumber;
    }

    /** One line as a record. */
    public static Record parse(String line) throws MalformedRecordException {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JacksonException e) {
            throw new MalformedRecordException("malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedRecordException("expected a JSON object, got " + kind(root));
        }
        JsonNode step = root.get("step");
        if (step == null || step.isNull()) {
            throw new MalformedRecordException("missing \"step\"");
        }
        if (!step.isIntegralNumber() || !step.canConvertToLong()) {
            throw new MalformedRecordException("\"step\" must be an integer, got " + step);
        }
        Mode mode;
        try {
            mode = Mode.parse(optionalText(root, "mode"));
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(e.getMessage());
        }
        String worker = optionalText(root, "worker");
        JsonNode tensorsNode = root.get("tensors");
        if (tensorsNode == null || !tensorsNode.isObject()) {
            throw new MalformedRecordException("\"tensors\" must be an object of name: values, got "
                    + kind(tensorsNode));
        }
        List<Tensor> tensors = new ArrayList<>(tensorsNode.size());
        Iterator<Map.Entry<String, JsonNode>> fields = tensorsNode.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            tensors.add(tensor(e.getKey(), e.getValue()));
        }
        return new Record(step.longValue(), mode, worker, tensors);
    }

    private static String optionalText(JsonNode root, String field) throws MalformedRecordException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new MalformedRecordException("\"" + field + "\" must be a string, got " + node);
        }
        return node.textValue();
    }

    private static Tensor tensor(String name, JsonNode node) throws MalformedRecordException {
        List<Long> dims = new ArrayList<>();
        for (JsonNode n = node; n.isArray(); n = n.get(0)) {
            dims.add((long) n.size());
            if (n.size() == 0) {
                break;
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        if (count > Integer.MAX_VALUE / Double.BYTES) {
            throw new MalformedRecordException("tensor \"" + name + "\" is too large");
        }
        Values values = new Values((int) count);
        flatten(name, node, shape, 0, new StringBuilder(), values);
        if (values.allWhole) {
            ByteBuffer buffer = ByteBuffer.allocate(values.size * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asLongBuffer().put(values.longs, 0, values.size);
            return Tensor.of(name, shape, DType.INT64, buffer);
        }
        return Tensor.ofDoubles(name, shape, values.doubles);
    }

    private static void flatten(String name, JsonNode node, long[] shape, int depth, StringBuilder path,
            Values out) throws MalformedRecordException {
        if (depth == shape.length) {
            if (!node.isNumber()) {
                throw new MalformedRecordException("tensor \"" + name + "\": "
                        + (path.length() == 0 ? "value" : "element " + path) + " is " + kind(node)
                        + ", not a number");
            }
            out.add(node);
            return;
        }
        if (!node.isArray() || node.size() != shape[depth]) {
            throw new MalformedRecordException("tensor \"" + name + "\": ragged array: element " + path
                    + " should be an array of " + shape[depth] + " but is " + describe(node));
        }
        int length = path.length();
        for (int i = 0; i < node.size(); i++) {
            path.append('[').append(i).append(']');
            flatten(name, node.get(i), shape, depth + 1, path, out);
            path.setLength(length);
        }
    }

    private static String describe(JsonNode node) {
        return node.isArray() ? "an array of " + node.size() : kind(node);
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "a number";
    }

    /** Collected values: as longs while all are whole numbers that fit, and always as doubles. */
    private static final class Values {
        final long[] longs;
        final double[] doubles;
        int size;
        boolean allWhole = true;

        Values(int capacity) {
            longs = new long[capacity];
            doubles = new double[capacity];
        }

        void add(JsonNode number) {
            if (allWhole && number.isIntegralNumber() && number.canConvertToLong()) {
                longs[size] = number.longValue();
            } else {
                allWhole = false;
            }
            doubles[size] = number.doubleValue();
            size++;
        }
    }
}
