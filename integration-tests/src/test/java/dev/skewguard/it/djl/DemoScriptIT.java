package dev.skewguard.it.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the README's demo command, {@code ./demo.sh}, on what the reactor has just built: a collector, an imbalanced
 * DJL run that the collector stops, a balanced run with no finding.
 */
@Timeout(400)
class DemoScriptIT {

    @Test
    void demoStopsTheImbalancedRunAndCompletesTheBalancedOne() throws Exception {
        Path repo = Path.of(System.getProperty("skewguard.it.repoDir", "..")).toAbsolutePath().normalize();
        Path script = repo.resolve("demo.sh");
        assertTrue(Files.isRegularFile(script), "no demo script at " + script);

        ChildRun run = ChildRun.run(List.of("bash", script.toString()), repo,
                Map.of("DEMO_SKIP_BUILD", "1"), 360);

        assertEquals(0, run.exitStatus(), run.output());
        assertTrue(run.output().contains("TRIGGERED job \"demo-imbalanced\""), run.output());
        assertTrue(run.output().contains("skewguard stopped this job"), run.output());
        assertTrue(run.output().contains("Run 1 stopped early by the collector"), run.output());
        assertTrue(run.output().contains("Run 2 completed with no finding"), run.output());
        assertTrue(run.output().contains("demo OK"), run.output());
    }
}
