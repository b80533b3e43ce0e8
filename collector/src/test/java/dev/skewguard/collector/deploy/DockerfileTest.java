package dev.skewguard.collector.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/**
 * deploy/docker/Dockerfile: no image can be built here, so its instructions are read and checked against the
 * collector's command line and the Kubernetes manifests that run the image.
 */
class DockerfileTest {
    static final String PATH = "deploy/docker/Dockerfile";
    private static final String AGENT_JAR = "/src/agent/target/skewguard-agent.jar";
    private static final String COLLECTOR_JAR = "/src/collector/target/skewguard-collector.jar";

    static Dockerfile dockerfile() throws IOException {
        return Dockerfile.read(RepositoryFiles.resolve(PATH));
    }

    /** Where the image puts a file the build stage made: the destination of its COPY --from. */
    private static String copiedTo(Dockerfile file, String source) {
        for (Dockerfile.Instruction copy : file.finalStage()) {
            List<String> words = copy.words();
            if (copy.keyword().equals("COPY") && words.get(0).startsWith("--from=") && words.contains(source)) {
                return words.get(words.size() - 1);
            }
        }
        throw new AssertionError("the final stage copies no " + source);
    }

    /** The agent jar's path in the image (training pods copy it from there). */
    static String imageAgentJar() throws IOException {
        return copiedTo(dockerfile(), AGENT_JAR);
    }

    @Test
    void multiStageFromJdkToJreAsNonRoot() throws IOException {
        Dockerfile file = dockerfile();
        List<Dockerfile.Instruction> from = file.all("FROM");
        assertTrue(from.size() >= 2, "multi-stage");
        assertTrue(from.get(0).arguments().matches("maven:\\S*eclipse-temurin\\S* AS build"), from.get(0).arguments());
        assertTrue(file.last("FROM").arguments().matches("eclipse-temurin:\\d+-jre"), file.last("FROM").arguments());
        // The build stage builds both jars the final stage copies.
        String build = file.all("RUN").get(0).arguments();
        assertTrue(build.contains("mvn ") && build.contains("-pl collector,agent"), build);
        String user = file.finalStage().stream().filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no USER in the final stage")).arguments();
        String uid = user.split(":")[0];
        assertFalse(uid.equals("0") || uid.equals("root"), "USER " + user);
        // The manifests' pods run as the image's user.
        Manifests manifests = Manifests.load();
        for (String kind : List.of("Deployment", "Job")) {
            assertEquals(uid, Manifests.podSpec(manifests.one(kind)).path("securityContext").path("runAsUser")
                    .asText(), kind + " runAsUser");
        }
    }

    @Test
    void commandExposedPortsHealthCheckAndManifestsAgree() throws IOException {
        Dockerfile file = dockerfile();
        List<String> entrypoint = file.last("ENTRYPOINT").words();
        assertEquals(List.of("java", "-jar", copiedTo(file, COLLECTOR_JAR)), entrypoint);
        ParseResult serve = Manifests.collectorCommandLine(file.last("CMD").words());
        assertEquals("serve", serve.commandSpec().name());

        Set<Integer> exposed = new TreeSet<>();
        file.all("EXPOSE").forEach(e -> e.words().forEach(w -> exposed.add(Integer.parseInt(w.split("/")[0]))));
        Set<Integer> served = new TreeSet<>(List.of((int) serve.matchedOptionValue("--port", 4910),
                (int) serve.matchedOptionValue("--metrics-port", -1), (int) serve.matchedOptionValue("--http-port", -1)));
        assertEquals(served, exposed, "EXPOSE and the default command's ports");
        Set<Integer> containerPorts = new TreeSet<>();
        JsonNode collector = Manifests.container(Manifests.podSpec(Manifests.load().one("Deployment")), "containers",
                "collector");
        collector.path("ports").forEach(p -> containerPorts.add(p.path("containerPort").asInt()));
        assertEquals(exposed, containerPorts, "the Deployment's container ports");

        // HEALTHCHECK: the collector's own probe, on the gRPC port, with TLS when the command serves TLS.
        String check = file.last("HEALTHCHECK").arguments();
        String command = check.substring(check.indexOf("CMD ") + 4).strip();
        String probeOptions = env(file, "SKEWGUARD_PROBE_OPTIONS");
        List<String> words = new ArrayList<>(List.of(command.replace("$SKEWGUARD_PROBE_OPTIONS", probeOptions)
                .strip().split("\\s+")));
        assertEquals("skewguard-collector", words.remove(0), "the wrapper script");
        ParseResult probe = Manifests.collectorCommandLine(words);
        assertEquals("probe", probe.commandSpec().name());
        assertEquals((int) serve.matchedOptionValue("--port", 4910), (int) probe.matchedOptionValue("--port", 4910));
        assertEquals(serve.hasMatchedOption("--tls-cert"), probe.hasMatchedOption("--tls"), "probe --tls");
        String wrapper = Files.readString(RepositoryFiles.resolve("deploy/docker/skewguard-collector"));
        assertTrue(wrapper.contains("exec java -jar " + copiedTo(file, COLLECTOR_JAR) + " \"$@\""), wrapper);
        assertTrue(file.finalStage().stream().anyMatch(i -> i.keyword().equals("COPY")
                && i.words().equals(List.of("deploy/docker/skewguard-collector", "/usr/local/bin/skewguard-collector"))),
                "the wrapper script is on the PATH");
    }

    private static String env(Dockerfile file, String name) {
        for (Dockerfile.Instruction env : file.all("ENV")) {
            String a = env.arguments();
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1).replace("\"", "");
            }
        }
        throw new AssertionError("no ENV " + name);
    }
}
