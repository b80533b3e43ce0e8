package dev.skewguard.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs a program in a child JVM, optionally with the shaded agent attached, capturing both output streams line by
 * line. Every wait has a timeout; a child that outlives it is killed (with its descendants) and the test fails
 * with its output.
 *
 * <pre>{@code
 * ChildResult r = ChildJvm.on(jdk).agent("methods=...").jar(ItPaths.plainJar()).args("--epochs", "2")
 *         .run(Duration.ofSeconds(60));
 * }</pre>
 */
public final class ChildJvm {
    private final Path java;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> programArgs = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private String agentArgs;
    private boolean withAgent;
    private List<String> target = List.of();
    private Path directory;

    private ChildJvm(Path java) {
        this.java = java;
    }

    /** A child on this JDK (skips the test if it is not installed). */
    public static ChildJvm on(Jdk jdk) {
        return new ChildJvm(jdk.java());
    }

    /** Attaches agent/target/skewguard-agent.jar with this agent argument (null: none). */
    public ChildJvm agent(String args) {
        this.withAgent = true;
        this.agentArgs = args;
        return this;
    }

    public ChildJvm jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    public ChildJvm systemProperty(String name, String value) {
        return jvmArg("-D" + name + "=" + value);
    }

    /** The child's working directory (default: this JVM's). */
    public ChildJvm directory(Path directory) {
        this.directory = directory;
        return this;
    }

    public ChildJvm env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs {@code java -jar jar}. */
    public ChildJvm jar(Path jar) {
        target = List.of("-jar", jar.toString());
        return this;
    }

    /** Runs {@code java -cp classpath mainClass}. */
    public ChildJvm main(String classpath, String mainClass) {
        target = List.of("-cp", classpath, mainClass);
        return this;
    }

    public ChildJvm args(String... args) {
        programArgs.addAll(List.of(args));
        return this;
    }

    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        if (withAgent) {
            cmd.add("-javaagent:" + ItPaths.agentJar() + (agentArgs == null ? "" : "=" + agentArgs));
        }
        cmd.addAll(jvmArgs);
        cmd.addAll(target);
        cmd.addAll(programArgs);
        return cmd;
    }

    /** Starts the child; use the returned handle to wait for output or the end. */
    public Running start() throws IOException {
        if (target.isEmpty()) {
            throw new IllegalStateException("say what to run: jar(...) or main(...)");
        }
        ProcessBuilder pb = new ProcessBuilder(command());
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        // A clean environment for the agent: no SKEWGUARD_* from the machine running the tests.
        pb.environment().keySet().removeIf(k -> k.startsWith("SKEWGUARD_"));
        pb.environment().putAll(env);
        return new Running(pb.start(), command());
    }

    /** Starts the child and waits for its end. */
    public ChildResult run(Duration timeout) throws IOException, InterruptedException {
        try (Running running = start()) {
            return running.awaitExit(timeout);
        }
    }

    /** A started child JVM. Closing it kills the child if it is still running. */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final List<String> command;
        private final List<String> stdout = new ArrayList<>();
        private final List<String> stderr = new ArrayList<>();
        private final Thread outReader;
        private final Thread errReader;

        Running(Process process, List<String> command) {
            this.process = process;
            this.command = command;
            this.outReader = reader(process.getInputStream(), stdout, "stdout");
            this.errReader = reader(process.getErrorStream(), stderr, "stderr");
        }

        private Thread reader(InputStream in, List<String> sink, String name) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (this) {
                            sink.add(line);
                            notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // the child is gone
                }
            }, "child-" + name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** Waits until a stdout line matches; fails with the output so far after the timeout. */
        public String awaitStdout(Predicate<String> match, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (this) {
                while (true) {
                    for (String line : stdout) {
                        if (match.test(line)) {
                            return line;
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || (!process.isAlive() && !outReader.isAlive())) {
                        throw new AssertionError("no expected stdout line within " + timeout + "; command "
                                + command + "\n--- stdout\n" + String.join("\n", stdout) + "\n--- stderr\n"
                                + String.join("\n", stderr));
                    }
                    wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
                }
            }
        }

        /** Waits for the child's end; kills it and fails with its output after the timeout. */
        public ChildResult awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError("child JVM still running after " + timeout + ", killed; command "
                        + command + "\n--- stdout\n" + snapshot(stdout) + "\n--- stderr\n" + snapshot(stderr));
            }
            outReader.join(5000);
            errReader.join(5000);
            synchronized (this) {
                return new ChildResult(process.exitValue(), stdout, stderr);
            }
        }

        private synchronized String snapshot(List<String> lines) {
            return String.join("\n", lines);
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** The child's operating-system process id (to attach an agent to it, say). */
        public long pid() {
            return process.pid();
        }

        private void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                kill();
            }
        }
    }
}
