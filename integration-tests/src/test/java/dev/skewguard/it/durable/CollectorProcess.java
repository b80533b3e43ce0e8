package dev.skewguard.it.durable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The shaded collector jar as a separate process on loopback (java -jar ... serve), killed with SIGKILL at will. */
final class CollectorProcess implements AutoCloseable {
    private final int port;
    private final List<String> serveArgs;
    private ChildJvm.Running running;
    /** Every run before this one (killed), for failure messages. */
    private final List<ChildJvm.Running> earlier = new ArrayList<>();

    CollectorProcess(List<String> serveArgs) throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.port = free.getLocalPort();
        }
        this.serveArgs = serveArgs;
    }

    int port() {
        return port;
    }

    String endpoint() {
        return "127.0.0.1:" + port;
    }

    /** Starts it (again, on the same port) and waits until it listens. */
    void start() throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("serve", "--port", Integer.toString(port)));
        args.addAll(serveArgs);
        Path jar = ItPaths.existing("skewguard.it.repoDir", "..").resolve("collector/target/skewguard-collector.jar");
        if (running != null) {
            earlier.add(running);
        }
        running = ChildJvm.on(Jdk.current()).jar(jar).args(args.toArray(String[]::new)).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!running.isAlive()) {
                    throw new IllegalStateException("the collector exited: " + running.awaitExit(Duration.ZERO)
                            .describe());
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the collector did not listen on " + endpoint() + " within 30 s");
    }

    /** SIGKILL (destroyForcibly on Linux), and waits until it is gone. */
    void kill() throws InterruptedException {
        ProcessHandle handle = ProcessHandle.of(running.pid()).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().join();
    }

    /** The job's report file, once it satisfies {@code done}. */
    static JsonNode awaitReportFile(Path file, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                last = ReportSchema.validated(Files.readString(file));
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("report " + file + " not as expected within " + timeout + ": " + last);
    }

    /** What each earlier (killed) run of the collector printed, for failure messages. */
    String earlierRuns() throws InterruptedException {
        StringBuilder out = new StringBuilder();
        for (ChildJvm.Running run : earlier) {
            out.append("\n=== collector run\n").append(run.awaitExit(Duration.ZERO).stderr());
        }
        return out.toString();
    }

    @Override
    public void close() {
        if (running != null) {
            running.close();
        }
    }
}
