package dev.skewguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Attach API wakes a JVM with SIGQUIT, which ends a process that does not catch it: the command never sends it
 * to such a process (Linux says which signals a process catches).
 */
class QuitSignalTest {
    @Test
    void aJvmCatchesSigquit() {
        assertTrue(QuitSignal.safeToAttach(ProcessHandle.current().pid()));
    }

    /**
     * A process that takes SIGQUIT's default action (JDK 17's Attach API ends it: exit status 131, seen with a
     * Python process) is left alone. Python sets that action itself, whatever the test's shell ignores.
     */
    @Test
    void attachingToAProcessThatDoesNotCatchSigquitSendsNothingAndSaysWhy() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "Linux only");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3");
        Process sleeper = new ProcessBuilder("/usr/bin/python3", "-c", "import signal, sys, time; "
                + "signal.signal(signal.SIGQUIT, signal.SIG_DFL); print('ready', flush=True); time.sleep(60)").start();
        PrintStream savedErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            assertEquals("ready", new java.io.BufferedReader(new java.io.InputStreamReader(sleeper.getInputStream(),
                    StandardCharsets.UTF_8)).readLine());
            assertFalse(QuitSignal.safeToAttach(sleeper.pid()));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = AgentCommand.run(new String[] {"attach", Long.toString(sleeper.pid()), "job=j1"},
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Path.of("agent.jar"));
            System.setErr(savedErr);
            assertEquals(AgentCommand.FAILED, status);
            List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("[skewguard] WARN pid " + sleeper.pid() + " is not a JVM the Attach API "
                    + "can reach") && lines.get(0).contains("nothing was sent"), lines.get(0));
            Thread.sleep(200);
            assertTrue(sleeper.isAlive(), "the process still runs");
        } finally {
            System.setErr(savedErr);
            sleeper.destroyForcibly();
        }
    }
}
