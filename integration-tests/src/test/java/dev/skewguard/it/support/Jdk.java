package dev.skewguard.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A JDK the child JVMs run on: the one running the tests (JDK 17 in the build) and the extra one at the
 * {@code skewguard.it.extraJdk} property (Temurin 25), skipped with a clear message when it is not installed.
 * Use as {@code @ParameterizedTest @MethodSource("dev.skewguard.it.support.Jdk#all")}.
 */
public final class Jdk {
    private final String label;
    private final Path home;

    private Jdk(String label, Path home) {
        this.label = label;
        this.home = home;
    }

    public static Jdk current() {
        return new Jdk("jdk" + Runtime.version().feature(), Paths.get(System.getProperty("java.home")));
    }

    /** The extra JDK, or a Jdk that skips its test when not installed. */
    public static Jdk extra() {
        String prop = System.getProperty("skewguard.it.extraJdk", "/usr/lib/jvm/temurin-25-jdk-amd64");
        Path home = Paths.get(prop);
        return new Jdk("extra " + home.getFileName(), home);
    }

    public static Stream<Jdk> all() {
        return Stream.of(current(), extra());
    }

    /** The java executable; aborts (skips) the test when this JDK is not installed. */
    public Path java() {
        Path java = home.resolve("bin").resolve("java");
        Assumptions.assumeTrue(Files.isExecutable(java),
                "skipped: no JDK at " + home + " (set -Dskewguard.it.extraJdk=<JDK home> to test another JDK)");
        return java;
    }

    /** The JDK's feature release (17, 25), from its {@code release} file; 0 if it does not say. */
    public int feature() {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // unknown
        }
        return 0;
    }

    @Override
    public String toString() {
        return label;
    }
}
