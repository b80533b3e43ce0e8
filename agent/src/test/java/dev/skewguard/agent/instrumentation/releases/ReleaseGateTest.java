package dev.skewguard.agent.instrumentation.releases;

import static dev.skewguard.agent.instrumentation.releases.Requirement.method;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.agent.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate over real class loaders: a jar of the fixtures' classes, with or without a Maven version. */
class ReleaseGateTest {
    @TempDir
    Path dir;

    @Test
    void aLoaderWhoseReleaseLacksAMemberIsRefusedWithOneWarningLineHoweverManyLoadersShareIt() throws Exception {
        Path jar = fakeJar("fake-core-1.5.2.jar", "1.5.2", null);
        ReleaseGate gate = new ReleaseGate(ReleaseCheckTest.fake(method(ReleaseCheckTest.ENGINE, "update")));
        List<String> lines;
        try (URLClassLoader first = loader(jar); URLClassLoader second = loader(jar)) {
            lines = stderrOf(() -> {
                assertFalse(gate.matches(first));
                assertFalse(gate.matches(first));
                assertFalse(gate.matches(second));
            });
        }
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("[skewguard] WARN Fake 1.5.2 (dev.fake:fake-core) does not fit the agent: "
                + "it lacks " + ReleaseCheckTest.ENGINE + "#update()"), lines.get(0));
    }

    @Test
    void aLoaderWhoseReleaseFitsIsInstrumentedWithoutALine() throws Exception {
        Path jar = fakeJar("fake-core.jar", "2.0.0", null);
        ReleaseGate gate = new ReleaseGate(ReleaseCheckTest.fitting());
        try (URLClassLoader loader = loader(jar)) {
            List<String> lines = stderrOf(() -> assertTrue(gate.matches(loader)));
            assertEquals(List.of(), lines);
        }
    }

    @Test
    void withDebugTheReleaseFoundAndTheResultAreOneLine() throws Exception {
        Path jar = fakeJar("fake-core.jar", "1.0.0", null);
        ReleaseGate gate = new ReleaseGate(ReleaseCheckTest.fitting());
        AgentLog.enableDebug(true);
        try (URLClassLoader loader = loader(jar)) {
            List<String> lines = stderrOf(() -> assertTrue(gate.matches(loader)));
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).matches("\\Q[skewguard] DEBUG Fake 1.0.0 (dev.fake:fake-core) is supported "
                    + "(1.0.0 to 2.0.0), with every class and member the agent needs (5 checked); checked in "
                    + "\\E\\d+\\.\\d ms on thread \\Q" + Thread.currentThread().getName() + "\\E"), lines.get(0));
        } finally {
            AgentLog.enableDebug(false);
        }
    }

    @Test
    void aSuperTypeTheLoaderCannotSeeCountsAsMissingNotAsAFailedCheck() throws Exception {
        // TurboEngine without FakeEngine, its super class: what it would inherit is not there.
        Path jar = fakeJar("fake-core-1.5.2.jar", "1.5.2", null, List.of("TurboEngine", "FakeBatch"));
        SupportedReleases turbo = SupportedReleases.of("Fake", "dev.fake", List.of("fake-core"),
                ReleaseCheckTest.TURBO, "1.0.0", "2.0.0", "Fake's rounds are not captured")
                .needs(method(ReleaseCheckTest.TURBO, "step", ReleaseCheckTest.BATCH, "int"));
        try (URLClassLoader loader = loader(jar)) {
            ReleaseCheck.Verdict verdict = ReleaseCheck.check(turbo, loader);
            assertEquals(ReleaseCheck.Kind.DOES_NOT_FIT, verdict.kind(), verdict.line());
            assertEquals(List.of(ReleaseCheckTest.TURBO + "#step(FakeBatch, int)"), verdict.missing());
        }
    }

    @Test
    void checkingAheadChecksOnlyALoaderThatHasTheFrameworkAndTheVerdictIsKept() throws Exception {
        Path without = fakeJar("other.jar", null, null, List.of("FakeBatch"));
        Path with = fakeJar("fake-core-1.5.2.jar", "1.5.2", null);
        ReleaseGate gate = new ReleaseGate(ReleaseCheckTest.fake(method(ReleaseCheckTest.ENGINE, "update")));
        try (URLClassLoader other = loader(without); URLClassLoader framework = loader(with)) {
            assertEquals(List.of(), stderrOf(() -> gate.checkAhead(other)), "no framework, no check, no line");
            List<String> ahead = stderrOf(() -> gate.checkAhead(framework));
            assertEquals(1, ahead.size(), ahead.toString());
            assertTrue(ahead.get(0).startsWith("[skewguard] WARN Fake 1.5.2"), ahead.get(0));
            assertEquals(List.of(), stderrOf(() -> assertFalse(gate.matches(framework))),
                    "the class that matches later finds the verdict made");
        }
    }

    @Test
    void withoutPomPropertiesTheReleaseIsTheManifestsOrTheJarFileNames() throws Exception {
        SupportedReleases fake = ReleaseCheckTest.fitting();
        try (URLClassLoader manifest = loader(fakeJar("core.jar", null, "2.3.0"));
             URLClassLoader fileName = loader(fakeJar("fake-core-1.2.0-M1.jar", null, null));
             URLClassLoader nothing = loader(fakeJar("core.jar", null, null))) {
            assertEquals("2.3.0", ReleaseFinder.find(manifest, fake));
            assertEquals("1.2.0-M1", ReleaseFinder.find(fileName, fake));
            assertNull(ReleaseFinder.find(nothing, fake));
        }
    }

    /** A jar of the fixtures' class files, with pom.properties and an Implementation-Version if given. */
    private Path fakeJar(String name, String pomVersion, String manifestVersion) throws IOException {
        return fakeJar(name, pomVersion, manifestVersion,
                List.of("FakeEngine", "FakeModel", "FakeBatch", "TurboEngine"));
    }

    private Path fakeJar(String name, String pomVersion, String manifestVersion, List<String> types)
            throws IOException {
        Path jar = Files.createDirectories(dir.resolve(Long.toString(System.nanoTime()))).resolve(name);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (manifestVersion != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, manifestVersion);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (String type : types) {
                String resource = "dev/skewguard/fixtures/releases/" + type + ".class";
                out.putNextEntry(new JarEntry(resource));
                try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                    in.transferTo(out);
                }
            }
            if (pomVersion != null) {
                out.putNextEntry(new JarEntry("META-INF/maven/dev.fake/fake-core/pom.properties"));
                out.write(("groupId=dev.fake\nartifactId=fake-core\nversion=" + pomVersion + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    /** A loader that sees the jar only (and the JDK), as a framework's application loader would. */
    private static URLClassLoader loader(Path jar) throws IOException {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    private static List<String> stderrOf(Runnable action) {
        PrintStream previous = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(previous);
        }
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
