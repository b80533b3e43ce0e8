package dev.skewguard.it.djl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One finished child process (the demo script): its exit status and its standard output and error, interleaved as
 * a person at a terminal would read them. Tests that compare a program's output use {@link
 * dev.skewguard.it.support.ChildJvm}, which keeps the two streams apart.
 */
record ChildRun(int exitStatus, String output) {

    /** Runs the command to its end (killing it after the timeout), DJL offline. */
    static ChildRun run(List<String> command, Path workDir, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().putAll(env);
        Process process = builder.start();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream(), buffer), "child-output");
        reader.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            reader.join(5_000);
            throw new AssertionError("child did not end within " + timeoutSeconds + " s: " + command + "\n"
                    + buffer.toString(StandardCharsets.UTF_8));
        }
        reader.join(10_000);
        synchronized (buffer) {
            return new ChildRun(process.exitValue(), buffer.toString(StandardCharsets.UTF_8));
        }
    }

    static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return command;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                synchronized (out) {
                    out.write(chunk, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
