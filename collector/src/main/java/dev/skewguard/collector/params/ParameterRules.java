package dev.skewguard.collector.params;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skewguard.collector.alert.WebhookTarget;
import dev.skewguard.collector.rule.InvalidParameterException;
import dev.skewguard.collector.security.Grant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's rules file ({@code serve --rules-file}, {@code evaluate --rules-file}): JSON (comments with
 * {@code #} or {@code //} allowed) holding a list of entries, each with the job-id patterns it applies to (the
 * {@code --tokens-file} syntax: {@code *} matches any run of characters) and named sections:
 *
 * <pre>
 * {"rules": [
 *   {"jobs": ["team-a-*"],
 *    "parameters": {"threshold_imbalance": 20, "patience_imbalance": 2000},
 *    "job_may_set": ["samples", "num_classes", "labels_regex", "predictions_regex"],
 *    "webhook": {"url": "https://alerts.example.com/team-a", "secret_file": "/etc/skewguard/team-a.secret"}},
 *   {"jobs": ["sandbox-*"], "webhook": null},
 *   {"jobs": ["*"], "parameters": {"samples": 1000}}
 * ]}
 * </pre>
 *
 * The first entry with a pattern matching the job id applies; none: the collector's own options, and the job may set
 * every parameter. {@code parameters}: values that replace the collector's for those jobs; {@code job_may_set}: the
 * parameters the job's own values may set (absent: all; {@code []}: none, every parameter is locked);
 * {@code webhook}: where those jobs' alerts go ({@code url}, {@code secret_file}, {@code allow_http}, as
 * {@code serve --webhook-url}, {@code --webhook-secret-file} and {@code --webhook-allow-http} say; {@code null}: no
 * alerts; absent: {@code --webhook-url}'s, if given). Every other
 * section name is refused, so that a typo is not silently ignored; new sections are added by name.
 */
public final class ParameterRules {
    /** No rules file: every job gets the collector's options and may set every parameter. */
    public static final ParameterRules NONE = new ParameterRules(List.of(), null);

    static final String JOBS = "jobs";
    static final String PARAMETERS = "parameters";
    static final String JOB_MAY_SET = "job_may_set";
    static final String WEBHOOK = "webhook";
    private static final List<String> SECTIONS = List.of(JOBS, PARAMETERS, JOB_MAY_SET, WEBHOOK);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.ALLOW_YAML_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * One entry of the file.
     *
     * @param index its place in the file, from 1
     * @param jobs its job-id patterns as written
     * @param parameters parameter name to value as text, checked
     * @param jobMaySet the parameters a job's own values may set
     * @param webhook where these jobs' alerts go, if the entry says ({@link Webhook#target()} empty: nowhere)
     */
    public record Entry(int index, List<String> jobs, Map<String, String> parameters, Set<String> jobMaySet,
                        Optional<Webhook> webhook) {
        /** Whether the job's own value of {@code name} applies. */
        public boolean jobMaySet(String name) {
            return jobMaySet.contains(name);
        }

        /** "rules file entry 2 (jobs team-a-*)", for log lines. */
        public String describe() {
            return "rules file entry " + index + " (jobs " + String.join(",", jobs) + ")";
        }
    }

    /** An entry's {@code webhook} section: a target, or none (the entry's jobs get no alerts). */
    public record Webhook(Optional<WebhookTarget> target) {
    }

    private record Matcher(Grant grant, Entry entry) {
    }

    private final List<Matcher> entries;
    private final Path file;

    private ParameterRules(List<Matcher> entries, Path file) {
        this.entries = List.copyOf(entries);
        this.file = file;
    }

    /**
     * Reads the file.
     *
     * @throws IllegalArgumentException one line naming the file and what is wrong in it
     */
    public static ParameterRules read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--rules-file " + file + " does not exist: give a JSON file "
                    + "{\"rules\": [{\"jobs\": [\"team-a-*\"], \"parameters\": {...}}]} (see docs/collector.md)");
        } catch (IOException e) {
            throw new IllegalArgumentException("--rules-file " + file + " cannot be read (" + e + ")");
        }
        return parse(text, file);
    }

    /** Parses the file's text; {@code file} names it in messages (null: "the rules file"). */
    public static ParameterRules parse(String text, Path file) {
        String where = file == null ? "the rules file" : "--rules-file " + file;
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage() + at);
        }
        if (root == null || !root.isObject() || !root.path("rules").isArray()) {
            throw new IllegalArgumentException(where + ": expected an object with a list \"rules\": "
                    + "{\"rules\": [{\"jobs\": [\"team-a-*\"], \"parameters\": {...}}]}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("rules")) {
                throw new IllegalArgumentException(where + ": unknown key \"" + name + "\" (known: rules)");
            }
        }
        List<Matcher> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root.path("rules")) {
            index++;
            Entry entry = entry(node, index, where + " entry " + index);
            entries.add(new Matcher(Grant.of(entry.jobs()), entry));
        }
        return new ParameterRules(entries, file);
    }

    private static Entry entry(JsonNode node, int index, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": expected an object with \"jobs\" and sections");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SECTIONS.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown section \"" + name + "\" (known: "
                        + String.join(", ", SECTIONS) + ")");
            }
        }
        List<String> jobs = strings(node.path(JOBS), where + ": \"jobs\"");
        if (jobs.isEmpty() || jobs.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException(where + ": \"jobs\" must list job-id patterns, e.g. [\"team-a-*\"] "
                    + "(or [\"*\"] for every job)");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        JsonNode section = node.path(PARAMETERS);
        if (!section.isMissingNode()) {
            if (!section.isObject()) {
                throw new IllegalArgumentException(where + ": \"parameters\" must be an object of name: value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new IllegalArgumentException(where + ": parameter " + e.getKey()
                            + " must be a number, a boolean or a string");
                }
                String value = e.getValue().asText();
                try {
                    ParameterNames.check(e.getKey(), value);
                } catch (InvalidParameterException bad) {
                    throw new IllegalArgumentException(where + ": " + bad.getMessage());
                }
                parameters.put(e.getKey(), value);
            }
        }
        Set<String> jobMaySet = new LinkedHashSet<>(ParameterNames.ALL);
        if (!node.path(JOB_MAY_SET).isMissingNode()) {
            jobMaySet.clear();
            for (String name : strings(node.path(JOB_MAY_SET), where + ": \"job_may_set\"")) {
                if (!ParameterNames.ALL.contains(name)) {
                    throw new IllegalArgumentException(where + ": \"job_may_set\" names an unknown parameter \""
                            + name + "\" (known: " + String.join(", ", ParameterNames.ALL) + ")");
                }
                jobMaySet.add(name);
            }
        }
        return new Entry(index, jobs, parameters, jobMaySet, webhook(node, where));
    }

    /** The entry's webhook section, its URL and secret file checked as serve's options are. */
    private static Optional<Webhook> webhook(JsonNode node, String where) {
        JsonNode section = node.path(WEBHOOK);
        if (section.isMissingNode()) {
            return Optional.empty();
        }
        if (section.isNull()) {
            return Optional.of(new Webhook(Optional.empty()));
        }
        if (!section.isObject() || !section.path("url").isTextual() || !section.path("secret_file").isTextual()) {
            throw new IllegalArgumentException(where + ": \"webhook\" must be null (no alerts) or an object "
                    + "{\"url\": \"https://...\", \"secret_file\": \"/path\", \"allow_http\": false}");
        }
        for (Iterator<String> names = section.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("url", "secret_file", "allow_http").contains(name)) {
                throw new IllegalArgumentException(where + ": \"webhook\" has an unknown key \"" + name
                        + "\" (known: url, secret_file, allow_http)");
            }
        }
        try {
            return Optional.of(new Webhook(Optional.of(WebhookTarget.of(section.path("url").asText(),
                    Path.of(section.path("secret_file").asText()), section.path("allow_http").asBoolean(false)))));
        } catch (IllegalArgumentException e) { // an invalid path too
            throw new IllegalArgumentException(where + ": \"webhook\": " + e.getMessage());
        }
    }

    private static List<String> strings(JsonNode node, String what) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(what + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException(what + " must be a list of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    /** The first entry with a pattern matching {@code jobId}. */
    public Optional<Entry> entryFor(String jobId) {
        for (Matcher m : entries) {
            if (m.grant().allows(jobId)) {
                return Optional.of(m.entry());
            }
        }
        return Optional.empty();
    }

    /** How many entries the file has. */
    public int size() {
        return entries.size();
    }

    /** The file read, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
