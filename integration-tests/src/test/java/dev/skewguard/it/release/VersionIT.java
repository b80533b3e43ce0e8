package dev.skewguard.it.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * One version, the build's: the agent's and the collector's jars carry the pom's version in their manifests, the
 * collector's {@code --version} and the agent's start line print it.
 */
class VersionIT {
    private static String pomVersion() {
        String v = System.getProperty("skewguard.it.projectVersion");
        assertTrue(v != null && !v.isBlank(), "the build passes skewguard.it.projectVersion");
        return v;
    }

    private static String manifestVersion(Path jarPath) throws Exception {
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            return jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        }
    }

    @Test
    void bothJarsCarryThePomsVersion() throws Exception {
        assertEquals(pomVersion(), manifestVersion(ItPaths.agentJar()), "agent jar manifest");
        assertEquals(pomVersion(), manifestVersion(ItPaths.collectorJar()), "collector jar manifest");
    }

    @Test
    void collectorVersionOptionPrintsIt() throws Exception {
        Process p = new ProcessBuilder(Jdk.current().java().toString(), "-jar", ItPaths.collectorJar().toString(),
                "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "--version did not finish");
        assertEquals(0, p.exitValue(), out);
        assertEquals("skewguard-collector " + pomVersion(), out.strip());
    }

    @Test
    void agentStartLinePrintsIt() throws Exception {
        // No collector is needed for the start line: nothing is captured, so nothing connects.
        ChildResult run = ChildJvm.on(Jdk.current()).agent("job=version-check,flush_timeout=0")
                .jar(ItPaths.plainJar()).args("--epochs", "1").run(Duration.ofSeconds(90));
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stderrLines().stream().anyMatch(l -> l.startsWith("[skewguard] INFO agent " + pomVersion()
                + " attached: job=version-check ")), run.describe());
    }
}
