package dev.skewguard.collector.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The webhook body's published JSON Schema ({@link AlertJson#SCHEMA_RESOURCE}), for tests. */
public final class AlertSchema {
    private static final Schema SCHEMA = load();

    private AlertSchema() {
    }

    private static Schema load() {
        try (InputStream in = AlertJson.class.getResourceAsStream(AlertJson.SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + AlertJson.SCHEMA_RESOURCE + " on the class path");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> errors(String json) {
        return SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /** {@code body} parsed, after checking it against the schema. @throws AssertionError naming each violation */
    public static JsonNode validated(byte[] body) {
        String json = new String(body, StandardCharsets.UTF_8);
        List<String> errors = errors(json);
        if (!errors.isEmpty()) {
            throw new AssertionError("the alert does not follow alert.schema.json: " + errors + "\n" + json);
        }
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
