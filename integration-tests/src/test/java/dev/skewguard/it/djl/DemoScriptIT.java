package dev.skewguard.it.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        Matcher stopped = Pattern.compile("Run 1 stopped early by the collector after (\\d+) of 200 epochs")
                .matcher(run.output());
        assertTrue(stopped.find(), run.output());
        // Within its first epochs: the collector decides in the first epoch (train step 47 of 50), and a Stop that
        // waited for the sender's relaxed pace came 20 epochs later (before issue 27); 10 is a wide margin.
        assertTrue(Integer.parseInt(stopped.group(1)) <= 10, "the imbalanced run was stopped late:\n" + run.output());
        assertTrue(run.output().contains("after the batch that decided"), "the demo says how promptly: "
                + run.output());
        assertTrue(run.output().contains("Run 2 completed with no finding"), run.output());
        assertTrue(run.output().contains("demo OK"), run.output());
    }
}
