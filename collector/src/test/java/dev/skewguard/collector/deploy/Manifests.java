package dev.skewguard.collector.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.skewguard.collector.cli.CollectorMain;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The Kubernetes manifests in deploy/k8s, and what the tests look up in them. */
final class Manifests {
    static final String DIR = "deploy/k8s";

    private final List<JsonNode> documents;

    private Manifests(List<JsonNode> documents) {
        this.documents = documents;
    }

    static Manifests load() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        List<Path> files;
        try (Stream<Path> list = Files.list(RepositoryFiles.resolve(DIR))) {
            files = list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                    .toList();
        }
        assertTrue(files.size() >= 2, "manifests in " + DIR + ": " + files);
        for (Path file : files) {
            try (JsonParser parser = yaml.createParser(file.toFile());
                 MappingIterator<JsonNode> docs = yaml.readValues(parser, JsonNode.class)) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                        documents.add(doc);
                    }
                }
            }
        }
        return new Manifests(documents);
    }

    List<JsonNode> all() {
        return documents;
    }

    JsonNode one(String kind) {
        List<JsonNode> found = documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        assertEquals(1, found.size(), "one " + kind + " in " + DIR);
        return found.get(0);
    }

    /** The object of this kind and name (it must be there). */
    JsonNode named(String kind, String name) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())
                        && name.equals(d.path("metadata").path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + DIR));
    }

    boolean has(String kind, String name) {
        return documents.stream().anyMatch(d -> kind.equals(d.path("kind").asText())
                && name.equals(d.path("metadata").path("name").asText()));
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    static JsonNode container(JsonNode podSpec, String list, String name) {
        for (JsonNode c : podSpec.path(list)) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no " + list + " entry named " + name);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The container port that {@code port} (a number or a port name) names. */
    static int containerPort(JsonNode container, JsonNode port) {
        for (JsonNode p : container.path("ports")) {
            if (port.isInt() ? p.path("containerPort").asInt() == port.asInt()
                    : port.asText().equals(p.path("name").asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("container " + container.path("name").asText() + " has no port " + port);
    }

    /** The volume mount of {@code container} under which {@code path} lies. */
    static JsonNode mountOf(JsonNode container, String path) {
        JsonNode best = null;
        for (JsonNode m : container.path("volumeMounts")) {
            String mount = m.path("mountPath").asText();
            if ((path.equals(mount) || path.startsWith(mount.endsWith("/") ? mount : mount + "/"))
                    && (best == null || mount.length() > best.path("mountPath").asText().length())) {
                best = m;
            }
        }
        if (best == null) {
            throw new AssertionError(path + " lies on no volume mount of " + container.path("name").asText());
        }
        return best;
    }

    static JsonNode volume(JsonNode podSpec, String name) {
        for (JsonNode v : podSpec.path("volumes")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        throw new AssertionError("the pod declares no volume " + name);
    }

    /** {@code args} as the collector's own command line parses them; the subcommand's parse result. */
    static ParseResult collectorCommandLine(List<String> args) {
        CommandLine cl = CollectorMain.commandLine(new ByteArrayInputStream(new byte[0]));
        ParseResult top = cl.parseArgs(args.toArray(String[]::new));
        assertTrue(top.hasSubcommand(), "no subcommand in " + args);
        return top.subcommand();
    }
}
