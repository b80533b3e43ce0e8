package dev.skewguard.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shaded collector jar carries the build's version in its manifest, and {@code --version} prints it. */
class VersionJarIT {
    private static final Path JAR = Path.of(System.getProperty("skewguard.collector.jar",
            "target/skewguard-collector.jar"));

    private static String projectVersion() {
        String v = System.getProperty("skewguard.project.version");
        assertTrue(v != null && !v.isBlank(), "the build passes skewguard.project.version");
        return v;
    }

    @Test
    void manifestCarriesTheProjectVersion() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals(projectVersion(), jar.getManifest().getMainAttributes().getValue("Implementation-Version"));
        }
    }

    @Test
    void versionOptionPrintsIt() throws Exception {
        for (String[] args : new String[][] {{"--version"}, {"serve", "--version"}, {"evaluate", "--version"}}) {
            String[] command = new String[args.length + 3];
            command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            command[1] = "-jar";
            command[2] = JAR.toString();
            System.arraycopy(args, 0, command, 3, args.length);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "java -jar --version did not finish");
            assertEquals(0, p.exitValue(), out);
            assertEquals("skewguard-collector " + projectVersion(), out.strip(), String.join(" ", args));
        }
    }
}
