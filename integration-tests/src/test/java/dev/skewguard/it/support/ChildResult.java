package dev.skewguard.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    /**
     * Class id to count from the "ran:" line the examples print, for "train" or "eval" ({@code <mode> label counts
     * [a, b, ...]}); zero counts left out, as the collector does.
     */
    public Map<Integer, Long> ranLabelCounts(String mode) {
        String line = stdoutValue("ran: ");
        Matcher m = Pattern.compile(mode + " label counts \\[([0-9, ]*)\\]").matcher(line);
        assertTrue(m.find(), "no " + mode + " label counts in: " + line);
        Map<Integer, Long> counts = new TreeMap<>();
        String[] parts = m.group(1).split(",\\s*");
        for (int c = 0; c < parts.length; c++) {
            long count = Long.parseLong(parts[c].trim());
            if (count > 0) {
                counts.put(c, count);
            }
        }
        return counts;
    }

    /** Whether the program printed its "result:" line (it ran to the end). */
    public boolean printedResult() {
        return stdoutLines().stream().anyMatch(l -> l.startsWith("result: "));
    }

    public String describe() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout() + "\n--- stderr\n" + stderr();
    }
}
