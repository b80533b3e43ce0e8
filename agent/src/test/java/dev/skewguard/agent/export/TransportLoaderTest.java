package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skewguard.agent.export.okhttp.OkHttpChannels;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transport's loader defines what the agent jar keeps under inst/, and nothing its parent can load. */
class TransportLoaderTest {
    /** Stands for a transport class: its bytes go into the jar under inst/, as .classdata. */
    public static final class Probe {
        @Override
        public String toString() {
            return "probe";
        }
    }

    @TempDir
    Path dir;

    private JarFile jarWithHiddenProbe() throws Exception {
        Path jar = dir.resolve("agent.jar");
        String probe = Probe.class.getName().replace('.', '/');
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             InputStream bytes = Probe.class.getResourceAsStream("/" + probe + ".class")) {
            out.putNextEntry(new JarEntry("inst/"));
            out.putNextEntry(new JarEntry("inst/" + probe + ".classdata"));
            bytes.transferTo(out);
            out.putNextEntry(new JarEntry("inst/META-INF/services/some.Service"));
            out.write("some.Provider\n".getBytes(StandardCharsets.UTF_8));
        }
        return new JarFile(jar.toFile());
    }

    @Test
    void definesTheClassesUnderInstItselfWithTheJarAsTheirSource() throws Exception {
        try (JarFile jar = jarWithHiddenProbe()) {
            // The platform loader's children cannot see the test's classes: only inst/ can give the probe.
            TransportLoader loader = new TransportLoader(jar, ClassLoader.getPlatformClassLoader());
            Class<?> probe = loader.loadClass(Probe.class.getName());
            assertSame(loader, probe.getClassLoader());
            assertEquals("probe", probe.getConstructor().newInstance().toString());
            assertEquals(new java.io.File(jar.getName()).toURI().toURL(),
                    probe.getProtectionDomain().getCodeSource().getLocation());
            assertSame(probe, loader.loadClass(Probe.class.getName()), "defined once");
            assertSame(String.class, loader.loadClass("java.lang.String"), "the parent's classes stay the parent's");
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("some.Missing"));
        }
    }

    @Test
    void findsItsResourcesUnderInstOnly() throws Exception {
        try (JarFile jar = jarWithHiddenProbe()) {
            TransportLoader loader = new TransportLoader(jar, ClassLoader.getPlatformClassLoader());
            try (InputStream in = loader.getResourceAsStream("META-INF/services/some.Service")) {
                assertNotNull(in);
                assertEquals("some.Provider\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertNull(loader.getResource("inst/META-INF/services/some.Service"), "names as the transport knows them");
        }
    }

    @Test
    void withoutAnAgentJarTheFactoryComesFromTheAgentsOwnLoader() {
        // Unit tests run from classes, not from the agent jar.
        assertEquals(OkHttpChannels.class, TransportLoader.channelFactory().getClass());
    }
}
