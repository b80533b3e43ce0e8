package dev.skewguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar skewguard-agent.jar ...} before it reaches a JVM: options the agent would not take, a process
 * that does not exist, usage. Each mistake is one {@code [skewguard] WARN} line and its exit status.
 */
class AgentCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @BeforeEach
    void captureStandardError() {
        savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardError() {
        System.setErr(savedErr);
    }

    private int run(String... args) {
        return AgentCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), Path.of("agent.jar"));
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aTypoInTheOptionsIsReportedByTheCommandAndNothingIsAttached() {
        assertEquals(AgentCommand.USAGE, run("attach", Long.toString(ProcessHandle.current().pid()),
                "endpoint=127.0.0.1:4910,jbo=j1"));
        List<String> lines = errLines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("[skewguard] WARN attach: ") && lines.get(0).contains("unknown option 'jbo'")
                && lines.get(0).endsWith("nothing was attached"), lines.get(0));
    }

    @Test
    void badValuesAndBadMethodsSpecsAreOneLineEach() {
        assertEquals(AgentCommand.USAGE, run("attach", "12345", "on_stop=explode",
                "methods=com.acme.Trainer#step:predictions=return"));
        List<String> lines = errLines();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("on_stop=explode") && l.contains("expected throw, exit "
                + "or log")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("methods spec")), lines.toString());
    }

    @Test
    void aPidWithNoProcessIsOneLine() {
        long dead = deadPid();
        assertEquals(AgentCommand.FAILED, run("attach", Long.toString(dead), "endpoint=127.0.0.1:4910,job=j1"));
        assertEquals(List.of("[skewguard] WARN no process with pid " + dead + ": give the pid of a running JVM "
                + "(list shows them)"), errLines());
    }

    @Test
    void thisCommandsOwnPidIsRefused() {
        assertEquals(AgentCommand.FAILED, run("attach", Long.toString(ProcessHandle.current().pid())));
        assertTrue(errLines().get(0).contains("is this command itself"), errLines().toString());
    }

    @Test
    void helpPrintsTheUsageAndNoArgumentsToo() {
        assertEquals(AgentCommand.OK, run("help"));
        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("attach <pid> [options]") && usage.contains("list"), usage);
        out.reset();
        assertEquals(AgentCommand.USAGE, run());
        assertEquals(usage, out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), errLines());
    }

    @Test
    void theListColumnSaysHowTheAgentCameIn() {
        assertEquals("-", JvmList.state(null));
        assertEquals("attached", JvmList.state("attached job=j collector=127.0.0.1:4910"));
        assertEquals("at start", JvmList.state("at start job=j collector=127.0.0.1:4910"));
    }

    @Test
    void javaVersionsAreReadOldAndNew() {
        assertEquals(8, Attacher.featureVersion("1.8"));
        assertEquals(17, Attacher.featureVersion("17"));
        assertEquals(25, Attacher.featureVersion("25"));
        assertEquals(0, Attacher.featureVersion(null));
    }

    /** A pid no process has now: the highest live pid plus a margin, checked. */
    private static long deadPid() {
        long candidate = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1000) + 1000;
        while (ProcessHandle.of(candidate).isPresent()) {
            candidate++;
        }
        return candidate;
    }
}
