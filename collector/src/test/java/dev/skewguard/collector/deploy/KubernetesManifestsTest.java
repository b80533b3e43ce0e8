package dev.skewguard.collector.deploy;

import static dev.skewguard.collector.deploy.Manifests.containerPort;
import static dev.skewguard.collector.deploy.Manifests.mountOf;
import static dev.skewguard.collector.deploy.Manifests.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.params.ParameterRules;
import dev.skewguard.collector.security.Exposure;
import dev.skewguard.collector.server.CollectorServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/**
 * deploy/k8s: no cluster runs here, so every manifest is parsed and the fields that must agree are checked: the
 * collector's args (parsed by its own command line) against its container ports, the Service and the probes; the
 * probes against the collector's real health endpoint; the training Job's agent path and endpoint against the init
 * container, the volumes and the Service.
 */
class KubernetesManifestsTest {
    private static Manifests manifests;
    private static JsonNode collector;
    private static JsonNode collectorPod;
    private static ParseResult serve;

    @BeforeAll
    static void load() throws Exception {
        manifests = Manifests.load();
        JsonNode deployment = manifests.one("Deployment");
        collectorPod = podSpec(deployment);
        collector = Manifests.container(collectorPod, "containers", "collector");
        serve = Manifests.collectorCommandLine(Manifests.strings(collector.path("args")));
    }

    @Test
    void everyDocumentIsAKubernetesObject() {
        assertTrue(manifests.all().size() >= 4, "PVC, Deployment, Service, Job");
        for (JsonNode doc : manifests.all()) {
            assertFalse(doc.path("apiVersion").asText().isEmpty(), "apiVersion of " + doc);
            assertFalse(doc.path("kind").asText().isEmpty(), "kind of " + doc);
            assertFalse(doc.path("metadata").path("name").asText().isEmpty(), "metadata.name of " + doc);
        }
    }

    @Test
    void collectorArgsStartAndItsPortsAreTheContainersAndTheServices() {
        assertEquals("serve", serve.commandSpec().name());
        // Beyond loopback the collector starts only with TLS and tokens (or --insecure): as it would check.
        Exposure.check(serve.matchedOptionValue("--bind", "127.0.0.1"), serve.hasMatchedOption("--tls-cert"),
                serve.hasMatchedOption("--tokens-file"), serve.hasMatchedOption("--insecure"));
        assertEquals((int) serve.matchedOptionValue("--port", 4910), containerPort(collector, text("grpc")));
        assertEquals((int) serve.matchedOptionValue("--metrics-port", -1), containerPort(collector, text("metrics")));
        assertEquals((int) serve.matchedOptionValue("--http-port", -1), containerPort(collector, text("dashboard")));
        // One collector per state dir: never two pods at once.
        JsonNode deployment = manifests.one("Deployment");
        assertEquals(1, deployment.path("spec").path("replicas").asInt());
        assertEquals("Recreate", deployment.path("spec").path("strategy").path("type").asText());

        JsonNode service = manifests.one("Service");
        JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
        service.path("spec").path("selector").fields().forEachRemaining(e ->
                assertEquals(e.getValue().asText(), labels.path(e.getKey()).asText(), "selector " + e.getKey()));
        assertEquals(3, service.path("spec").path("ports").size());
        for (JsonNode port : service.path("spec").path("ports")) {
            assertEquals(port.path("port").asInt(), containerPort(collector, port.path("targetPort")),
                    "Service port " + port.path("name").asText());
        }
    }

    @Test
    void probesAskTheCollectorsRealHealthEndpoint() throws Exception {
        int metricsPort = serve.matchedOptionValue("--metrics-port", -1);
        String scheme = serve.hasMatchedOption("--tls-cert") ? "HTTPS" : "HTTP";
        Map<String, JsonNode> probes = new LinkedHashMap<>();
        probes.put("readinessProbe", collector.path("readinessProbe"));
        probes.put("livenessProbe", collector.path("livenessProbe"));
        try (CollectorServer server = CollectorServer.start(ServerOptions.builder().port(0).metricsPort(0)
                .quiet(true).build())) {
            HttpClient http = HttpClient.newHttpClient();
            for (Map.Entry<String, JsonNode> probe : probes.entrySet()) {
                JsonNode get = probe.getValue().path("httpGet");
                assertFalse(get.isMissingNode(), probe.getKey() + " is an httpGet probe");
                assertEquals(metricsPort, containerPort(collector, get.path("port")), probe.getKey() + " port");
                assertEquals(scheme, get.path("scheme").asText("HTTP"), probe.getKey() + " scheme");
                // The path the probe asks is one the collector answers, 200 while it serves.
                URI uri = URI.create("http://127.0.0.1:" + server.metricsPort().orElseThrow()
                        + get.path("path").asText());
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), probe.getKey() + " " + uri + ": " + answer.body());
            }
        }
    }

    @Test
    void collectorFilesLieOnItsVolumes() {
        for (String option : List.of("--tls-cert", "--tls-key", "--tokens-file", "--rules-file", "--state-dir",
                "--report-dir")) {
            Path path = serve.matchedOptionValue(option, (Path) null);
            assertTrue(path != null, option + " is set");
            JsonNode mount = mountOf(collector, path.toString());
            JsonNode volume = Manifests.volume(collectorPod, mount.path("name").asText());
            if (option.startsWith("--tls") || option.equals("--tokens-file")) {
                assertTrue(volume.has("secret"), option + " comes from a Secret");
            } else if (option.equals("--rules-file")) {
                String name = volume.path("configMap").path("name").asText();
                JsonNode configMap = manifests.named("ConfigMap", name);
                String file = path.getFileName().toString();
                assertTrue(configMap.path("data").has(file), "the ConfigMap " + name + " holds " + file);
                ParameterRules rules = ParameterRules.parse(configMap.path("data").path(file).asText(), path);
                assertTrue(rules.entryFor("team-a-1").isPresent() && rules.size() >= 2, "rules parsed: " + rules.size());
            } else {
                String claim = volume.path("persistentVolumeClaim").path("claimName").asText();
                assertTrue(manifests.has("PersistentVolumeClaim", claim), option + " on the claim " + claim);
                assertFalse(mount.path("readOnly").asBoolean(), option + " is writable");
            }
        }
        // A TLS Secret's keys are tls.crt and tls.key.
        assertEquals("tls.crt", serve.matchedOptionValue("--tls-cert", (Path) null).getFileName().toString());
        assertEquals("tls.key", serve.matchedOptionValue("--tls-key", (Path) null).getFileName().toString());
    }

    @Test
    void podsRunAsNonRoot() {
        for (JsonNode workload : List.of(manifests.one("Deployment"), manifests.one("Job"))) {
            JsonNode security = podSpec(workload).path("securityContext");
            assertTrue(security.path("runAsNonRoot").asBoolean(), workload.path("kind") + " runAsNonRoot");
            assertNotEquals(0, security.path("runAsUser").asInt(0), workload.path("kind") + " runAsUser");
        }
    }

    @Test
    void trainingJobAttachesTheAgentAndReachesTheService() throws Exception {
        JsonNode pod = podSpec(manifests.one("Job"));
        JsonNode train = Manifests.container(pod, "containers", "train");
        String options = env(train, "JAVA_TOOL_OPTIONS");
        Matcher agent = Pattern.compile("-javaagent:(\\S+?\\.jar)=(\\S+)").matcher(options);
        assertTrue(agent.find(), "JAVA_TOOL_OPTIONS attaches the agent: " + options);
        String jar = agent.group(1);
        Map<String, String> args = new LinkedHashMap<>();
        for (String pair : agent.group(2).split(",")) {
            String[] kv = pair.split("=", 2);
            args.put(kv[0], kv[1]);
        }

        // The jar is on a volume the init container fills, copying the image's agent jar to the same file.
        JsonNode mount = mountOf(train, jar);
        String volume = mount.path("name").asText();
        assertTrue(Manifests.volume(pod, volume).has("emptyDir"), "the agent's volume");
        JsonNode init = Manifests.container(pod, "initContainers", "skewguard-agent");
        assertEquals(collector.path("image").asText(), init.path("image").asText(), "the collector's image");
        List<String> copy = Manifests.strings(init.path("command"));
        String initMount = null;
        for (JsonNode m : init.path("volumeMounts")) {
            if (volume.equals(m.path("name").asText())) {
                initMount = m.path("mountPath").asText();
            }
        }
        assertTrue(initMount != null, "the init container mounts " + volume);
        String relative = jar.substring(mount.path("mountPath").asText().length());
        assertEquals(List.of("cp", DockerfileTest.imageAgentJar(), initMount + relative), copy);

        // The endpoint is the Service's name and gRPC port.
        JsonNode service = manifests.one("Service");
        int grpcPort = -1;
        for (JsonNode p : service.path("spec").path("ports")) {
            if (p.path("targetPort").asText().equals("grpc")) {
                grpcPort = p.path("port").asInt();
            }
        }
        assertEquals(service.path("metadata").path("name").asText() + ":" + grpcPort, args.get("endpoint"));

        // The collector wants TLS and a token: the agent trusts its CA and sends its token, both from a Secret.
        for (String file : List.of("tls_ca", "token_file")) {
            assertTrue(args.containsKey(file), file + " in the agent's options");
            JsonNode m = mountOf(train, args.get(file));
            assertTrue(Manifests.volume(pod, m.path("name").asText()).has("secret"), file + " from a Secret");
        }
        // The job id (which the collector's token patterns match) is the Job's name.
        JsonNode job = env(train).get("SKEWGUARD_JOB");
        assertEquals("metadata.labels['job-name']", job.path("valueFrom").path("fieldRef").path("fieldPath").asText());
    }

    private static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    private static String env(JsonNode container, String name) {
        JsonNode e = env(container).get(name);
        assertTrue(e != null, "env " + name);
        return e.path("value").asText().strip();
    }

    private static JsonNode text(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s);
    }
}
