package dev.skewguard.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.skewguard.collector.report.ReportJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The report's published JSON Schema ({@link ReportJson#SCHEMA_RESOURCE}, from the collector jar): every report the
 * integration tests read is checked against it.
 */
public final class ReportSchema {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Schema SCHEMA = load();

    private ReportSchema() {
    }

    private static Schema load() {
        try (InputStream in = ReportJson.class.getResourceAsStream(ReportJson.SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + ReportJson.SCHEMA_RESOURCE + " on the class path");
            }
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(text, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's complaints about {@code json} (empty: it conforms). */
    public static List<String> errors(String json) {
        return SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).collect(Collectors.toList());
    }

    /** {@code json} parsed, after checking it against the schema. @throws AssertionError naming each violation */
    public static JsonNode validated(String json) {
        List<String> errors = errors(json);
        if (!errors.isEmpty()) {
            throw new AssertionError("the report does not follow report.schema.json: " + errors + "\n" + json);
        }
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
