package dev.skewguard.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the Attach API may signal a process. To wake a JVM's attach listener it sends SIGQUIT, which a JVM catches
 * (it prints a thread dump otherwise) but which ends a process that does not catch it: a Python job given by mistake,
 * or a JVM started with {@code -Xrs}. Newer JDKs check this themselves; JDK 17's does not. Linux tells, in
 * {@code /proc/<pid>/status}, which signals a process catches; elsewhere this says yes and leaves it to the API.
 */
final class QuitSignal {
    private static final int SIGQUIT = 3;

    private QuitSignal() {
    }

    /** False when Linux says that {@code pid} does not catch SIGQUIT and its attach listener is not up yet. */
    static boolean safeToAttach(long pid) {
        if (listenerUp(pid)) {
            return true; // the Attach API connects to its socket and sends no signal
        }
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigCgt:")) {
                    long caught = Long.parseUnsignedLong(line.substring("SigCgt:".length()).trim(), 16);
                    return (caught & (1L << (SIGQUIT - 1))) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not ours to read: the Attach API decides
        }
        return true;
    }

    /** The attach listener's socket ({@code .java_pid<pid>} in the JVM's /tmp) exists. */
    private static boolean listenerUp(long pid) {
        String socket = ".java_pid" + pid;
        return Files.exists(Path.of("/tmp", socket)) || Files.exists(Path.of("/proc", Long.toString(pid), "root",
                "tmp", socket));
    }
}
