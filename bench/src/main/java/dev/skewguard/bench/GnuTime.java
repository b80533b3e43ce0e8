package dev.skewguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole child process's CPU time (user + system, every thread, its exit included) through GNU time, when the
 * machine has it: unlike wall time it does not grow while the process waits for a core on a loaded machine, and
 * unlike sampling /proc it misses nothing at the end.
 */
final class GnuTime {
    private static final Path TIME = Path.of("/usr/bin/time");

    private final Path output;

    /** {@code output}: the file GNU time writes its figures to, rewritten by each run. */
    GnuTime(Path output) {
        this.output = output;
    }

    static boolean available() {
        return Files.isExecutable(TIME);
    }

    /** The command run under GNU time (as given when it is not available). */
    List<String> wrap(List<String> command) {
        if (!available()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(TIME.toString(), "-f", "%U %S", "-o", output.toString()));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Whether {@code command} is one {@link #wrap} made: GNU time, running the command after its options. */
    static boolean wraps(List<String> command) {
        return !command.isEmpty() && command.get(0).equals(TIME.toString());
    }

    /** The last wrapped run's user + system time in milliseconds; NaN without GNU time. */
    double lastCpuMillis() throws IOException {
        return available() ? cpuMillis(Files.readString(output)) : Double.NaN;
    }

    /** User + system seconds as GNU time writes them ("%U %S", maybe after a status line), in milliseconds. */
    static double cpuMillis(String written) {
        String[] f = written.trim().split("\\s+");
        return (Double.parseDouble(f[f.length - 2]) + Double.parseDouble(f[f.length - 1])) * 1000;
    }
}
