package dev.skewguard.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The runnable collector jar carries the project's LICENSE and NOTICE, not a bundled library's. */
class LicenseJarIT {
    private static final Path JAR = Path.of(System.getProperty("skewguard.collector.jar",
            "target/skewguard-collector.jar"));

    @Test
    void carriesTheProjectsLicenseAndNotice() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (String name : List.of("LICENSE", "NOTICE")) {
                JarEntry entry = jar.getJarEntry("META-INF/" + name);
                assertNotNull(entry, "META-INF/" + name + " in " + JAR);
                assertEquals(Files.readString(root.resolve(name)),
                        new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8),
                        "META-INF/" + name + " is the project's");
            }
        }
    }
}
