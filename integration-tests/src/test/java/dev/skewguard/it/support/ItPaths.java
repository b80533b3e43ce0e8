package dev.skewguard.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the built artifacts are. The build passes them as system properties (see integration-tests/pom.xml); when
 * a test runs from an IDE the defaults are the paths relative to this module.
 */
public final class ItPaths {
    private ItPaths() {
    }

    /** The shaded agent, agent/target/skewguard-agent.jar: the only form of the agent the tests attach. */
    public static Path agentJar() {
        return existing("skewguard.it.agentJar", "../agent/target/skewguard-agent.jar");
    }

    /** The runnable collector, collector/target/skewguard-collector.jar (the shaded jar). */
    public static Path collectorJar() {
        return existing("skewguard.it.collectorJar", "../collector/target/skewguard-collector.jar");
    }

    /** The runnable plain-Java example, examples/plain/target/plain-training.jar. */
    public static Path plainJar() {
        return existing("skewguard.it.plainJar", "../examples/plain/target/plain-training.jar");
    }

    /** Jars of grpc/protobuf/byte-buddy versions other than the agent's (copied by the build). */
    public static Path conflictLibs() {
        return existing("skewguard.it.conflictLibs", "target/conflict-libs");
    }

    /** This module's compiled test classes (the small test applications live there). */
    public static Path testClasses() {
        return existing("skewguard.it.testClasses", "target/test-classes");
    }

    /**
     * The class path of a framework example, {@code examples/<name>}: its target/classes and the dependency class
     * path its build writes to target/classpath.txt.
     */
    public static String exampleClasspath(String name) throws IOException {
        Path target = existing("skewguard.it.examplesDir", "../examples").resolve(name).resolve("target");
        Path classpathFile = target.resolve("classpath.txt");
        assertTrue(Files.isRegularFile(classpathFile), classpathFile + " is missing: build examples/" + name
                + " first (mvn -B verify from the root)");
        return target.resolve("classes") + File.pathSeparator + Files.readString(classpathFile).trim();
    }

    /** A path from a system property or a default, which must exist (a clear failure names it otherwise). */
    public static Path existing(String property, String fallback) {
        Path p = Paths.get(System.getProperty(property, fallback)).toAbsolutePath().normalize();
        assertTrue(Files.exists(p), p + " does not exist (system property " + property
                + "); build it first: mvn -B verify from the root");
        return p;
    }
}
