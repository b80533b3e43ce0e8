package dev.skewguard.it.support;

import java.util.List;
import java.util.stream.Collectors;

/** How a child JVM ended: exit status and everything it printed. */
public final class ChildResult {
    private final int exitCode;
    private final List<String> stdout;
    private final List<String> stderr;

    ChildResult(int exitCode, List<String> stdout, List<String> stderr) {
        this.exitCode = exitCode;
        this.stdout = List.copyOf(stdout);
        this.stderr = List.copyOf(stderr);
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> stdoutLines() {
        return stdout;
    }

    public List<String> stderrLines() {
        return stderr;
    }

    public String stdout() {
        return String.join("\n", stdout);
    }

    public String stderr() {
        return String.join("\n", stderr);
    }

    /** The agent's WARN lines on standard error. */
    public List<String> agentWarnings() {
        return stderr.stream().filter(l -> l.startsWith("[skewguard] WARN")).collect(Collectors.toList());
    }

    /** The first stdout line starting with the prefix, without it; fails naming the output if there is none. */
    public String stdoutValue(String prefix) {
        return stdout.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + describe()));
    }

    /** Both streams, for assertion messages. */
    public String describe() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout() + "\n--- stderr\n" + stderr();
    }
}
