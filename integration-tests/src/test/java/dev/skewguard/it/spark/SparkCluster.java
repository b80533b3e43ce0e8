package dev.skewguard.it.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.Jdk;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark standalone cluster on loopback: one Master and {@code workers} Worker processes of one core each, started
 * as plain java classes on the example's class path. A Worker launches each executor as its own JVM through
 * SPARK_HOME: a temporary directory whose {@code jars/} links the class path's jars (with a RELEASE file and
 * SPARK_SCALA_VERSION, Spark takes it for an installed distribution). Closing it ends every process it started.
 */
final class SparkCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final List<ChildJvm.Running> processes = new ArrayList<>();
    private final Path home;
    private final int masterPort;

    private SparkCluster(Path home, int masterPort) {
        this.home = home;
        this.masterPort = masterPort;
    }

    /** Starts the Master and the Workers and returns once every Worker has registered. */
    static SparkCluster start(int workers) throws Exception {
        Path home = Files.createTempDirectory("skewguard-spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : SparkExampleRun.classpath().split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar)) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        Files.writeString(home.resolve("RELEASE"), "Spark for skewguard's integration tests\n");
        SparkCluster cluster = new SparkCluster(home, freePort());
        try {
            int uiPort = freePort();
            cluster.processes.add(cluster.daemon("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", "" + cluster.masterPort, "--webui-port", "" + uiPort).start());
            for (int i = 0; i < workers; i++) {
                Path work = Files.createDirectories(home.resolve("work-" + i));
                cluster.processes.add(cluster.daemon("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--cores", "1", "--memory", "1g", "--webui-port", "0", "--work-dir", work.toString(),
                        cluster.masterUrl()).start());
            }
            cluster.awaitWorkers(uiPort, workers);
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** What the executors' stderr files say (each executor writes one under its Worker's work dir). */
    String executorStderr() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(home)) {
            for (Path file : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
                all.append("--- ").append(home.relativize(file)).append('\n').append(Files.readString(file));
            }
        }
        return all.toString();
    }

    private ChildJvm daemon(String main, String... args) throws IOException {
        ChildJvm child = ChildJvm.on(Jdk.current()).main(SparkExampleRun.classpath(), main).args(args)
                .jvmArg("-Xmx256m")
                .env("SPARK_HOME", home.toString())
                .env("SPARK_SCALA_VERSION", "2.12")
                .env("SPARK_LOCAL_IP", "127.0.0.1")
                .env("SPARK_LOCAL_DIRS", home.resolve("local").toString());
        for (String option : SparkExampleRun.jvmOptions()) {
            child.jvmArg(option);
        }
        return child;
    }

    /** Polls the Master's JSON status page until {@code workers} Workers are alive. */
    private void awaitWorkers(int uiPort, int workers) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() - deadline < 0) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                JsonNode status = new ObjectMapper().readTree(response.body());
                last = response.body();
                if (status.path("aliveworkers").asInt() >= workers) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            for (ChildJvm.Running process : processes) {
                assertTrue(process.isAlive(), "a Spark process ended while the cluster started: " + last);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the Spark cluster did not have " + workers + " workers within " + START_TIMEOUT
                + ": " + last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        // Workers first (each ends its executors), then the Master; descendants too (ChildJvm kills them).
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind
        }
    }
}
