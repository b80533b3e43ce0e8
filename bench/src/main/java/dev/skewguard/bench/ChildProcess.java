package dev.skewguard.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a child JVM with its output appended to a log file, and times it from start to exit (wall clock). */
final class ChildProcess {
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private ChildProcess() {
    }

    /**
     * The result of one timed run; {@code cpu}: the child's CPU seconds by thread group as read while it ran
     * ({@link ThreadCpu.Tracker}; of the JVM GNU time runs, for a {@link GnuTime#wrap}ped command; empty when not
     * read or not on Linux); {@code logTail}: what the run appended to its log.
     */
    record Run(int exitCode, double millis, Map<ThreadCpu.Group, Double> cpu, LogTail logTail) {
        /** The run's output: its command line, then what it printed on standard output and standard error. */
        String output() {
            return logTail.text();
        }
    }

    /**
     * How often a child's CPU time by thread group is read while it runs: every {@code everyMillis} (0: never), and
     * every {@code fastMillis} once its output shows {@code fastAfter} (null: never faster), so that the readings
     * come close to its exit: what it uses after the last reading is not counted.
     */
    record CpuSampling(long everyMillis, long fastMillis, String fastAfter) {
        static final CpuSampling NONE = new CpuSampling(0, 0, null);

        static CpuSampling every(long millis) {
            return new CpuSampling(millis, millis, null);
        }
    }

    static ProcessBuilder builder(List<String> command, Path log, Map<String, String> env) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return pb;
    }

    /** Runs to completion (killed after {@code timeoutSeconds}); the time includes JVM start and exit. */
    static Run timed(List<String> command, Path log, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        return timed(command, log, env, timeoutSeconds, CpuSampling.NONE);
    }

    /**
     * As {@link #timed(List, Path, Map, long)}, reading the child's CPU time by thread group every
     * {@code cpuSampleMillis} (0: never) while it runs; what it uses after the last sample (at most that long, its
     * exit) is not counted.
     */
    static Run timed(List<String> command, Path log, Map<String, String> env, long timeoutSeconds,
                     long cpuSampleMillis) throws IOException, InterruptedException {
        return timed(command, log, env, timeoutSeconds, CpuSampling.every(cpuSampleMillis));
    }

    /**
     * As {@link #timed(List, Path, Map, long)}, reading the child's CPU time by thread group as {@code sampling}
     * says.
     */
    static Run timed(List<String> command, Path log, Map<String, String> env, long timeoutSeconds,
                     CpuSampling sampling) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        LogTail output = LogTail.fromEnd(log);
        Files.writeString(log, "\n$ " + String.join(" ", command) + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder pb = builder(command, log, env);
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Process p = pb.start();
        boolean reading = sampling.everyMillis() > 0;
        long step = reading ? sampling.everyMillis() : TimeUnit.SECONDS.toMillis(timeoutSeconds);
        // Under GNU time the JVM is its child: follow that one, once it is there.
        boolean underTime = GnuTime.wraps(command);
        ThreadCpu.Tracker cpu = underTime ? null : new ThreadCpu.Tracker(p.pid());
        while (!p.waitFor(Math.min(step, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() - deadline >= 0) {
                p.destroyForcibly().waitFor();
                return new Run(-1, (System.nanoTime() - t0) / 1e6, Map.of(), output.end());
            }
            if (reading && cpu == null) {
                cpu = p.toHandle().children().findFirst().map(h -> new ThreadCpu.Tracker(h.pid())).orElse(null);
            }
            if (reading && cpu != null) {
                cpu.read();
                if (sampling.fastAfter() != null && step != sampling.fastMillis()
                        && output.sawSinceLastCall(sampling.fastAfter())) {
                    step = sampling.fastMillis();
                }
            }
        }
        return new Run(p.exitValue(), (System.nanoTime() - t0) / 1e6, cpu == null ? Map.of() : cpu.seconds(),
                output.end());
    }

    /** java [jvmArgs] -cp classPath mainClass args. */
    static List<String> java(List<String> jvmArgs, String classPath, String mainClass, String... args) {
        List<String> c = new ArrayList<>();
        c.add(JAVA);
        c.addAll(jvmArgs);
        c.add("-cp");
        c.add(classPath);
        c.add(mainClass);
        c.addAll(List.of(args));
        return c;
    }

    /** The class path of an example module: its classes and the class path file its build writes. */
    static String exampleClassPath(Path repo, String module) throws IOException {
        Path dir = repo.resolve("examples").resolve(module).resolve("target");
        Path cpFile = dir.resolve("classpath.txt");
        if (!Files.exists(cpFile)) {
            throw new IllegalStateException(cpFile + " is missing: build the example first "
                    + "(mvn -B -q -pl examples/" + module + " -am package -DskipTests)");
        }
        return dir.resolve("classes") + File.pathSeparator + Files.readString(cpFile).trim();
    }

    /** A loopback port free at the moment (for a child process to listen on). */
    static int freeLoopbackPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The 1, 5 and 15 minute load averages, for the notes beside noisy figures. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
