package dev.skewguard.collector.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository the collector module lives in (tests run with the module as working directory). */
public final class RepositoryFiles {
    private RepositoryFiles() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        assertTrue(Files.isRegularFile(root.resolve("pom.xml")) && Files.isDirectory(root.resolve("collector")),
                "expected the repository root at " + root);
        return root;
    }

    public static Path resolve(String relative) {
        Path p = root().resolve(relative);
        assertTrue(Files.exists(p), relative + " is missing");
        return p;
    }
}
