package dev.skewguard.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.it.support.ItPaths;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The built agent jar keeps everything under its own package, so it cannot clash with an application. */
class AgentJarShadingIT {
    private static final String OWN = "dev/skewguard/agent/";

    @Test
    void everyClassLivesUnderTheAgentsPackage() throws Exception {
        List<String> outside = new ArrayList<>();
        int classes = 0;
        try (JarFile jar = new JarFile(ItPaths.agentJar().toFile())) {
            for (JarEntry e : Collections.list(jar.entries())) {
                String name = e.getName();
                if (name.endsWith(".class")) {
                    classes++;
                    if (!name.startsWith(OWN)) {
                        outside.add(name);
                    }
                }
                if (name.startsWith("META-INF/versions/") || name.startsWith("META-INF/native/")) {
                    outside.add(name);
                }
            }
        }
        assertTrue(classes > 1000, "expected the relocated dependencies in the jar, found " + classes + " classes");
        assertEquals(List.of(), outside, "entries outside " + OWN);
    }

    @Test
    void serviceFilesNameOnlyRelocatedTypes() throws Exception {
        try (JarFile jar = new JarFile(ItPaths.agentJar().toFile())) {
            int services = 0;
            for (JarEntry e : Collections.list(jar.entries())) {
                String name = e.getName();
                if (!name.startsWith("META-INF/services/") || e.isDirectory()) {
                    continue;
                }
                services++;
                String service = name.substring("META-INF/services/".length());
                assertTrue(service.startsWith("dev.skewguard.agent."), "service file " + name);
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(jar.getInputStream(e), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        String provider = line.replaceAll("#.*", "").trim();
                        assertTrue(provider.isEmpty() || provider.startsWith("dev.skewguard.agent."),
                                name + " names " + provider);
                    }
                }
            }
            assertTrue(services >= 2, "service files for gRPC and the instrumentations");
        }
    }

    @Test
    void carriesTheProjectsLicenseAndNotice() throws Exception {
        Path root = Path.of(System.getProperty("skewguard.it.repoDir", "..")).toAbsolutePath().normalize();
        try (JarFile jar = new JarFile(ItPaths.agentJar().toFile())) {
            for (String name : List.of("LICENSE", "NOTICE")) {
                JarEntry entry = jar.getJarEntry("META-INF/" + name);
                assertNotNull(entry, "META-INF/" + name + " in the agent jar");
                String inJar = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(Files.readString(root.resolve(name)), inJar, "META-INF/" + name + " is the project's");
            }
        }
        String notice = Files.readString(root.resolve("NOTICE"));
        assertTrue(notice.contains("Apache License, Version 2.0"), "NOTICE names the project's license");
        for (String bundled : List.of("Byte Buddy", "ASM", "gRPC Java", "Protocol Buffers", "Okio", "Kotlin")) {
            assertTrue(notice.contains(bundled), "NOTICE names " + bundled + ", which the agent jar bundles");
        }
        assertTrue(Files.readString(root.resolve("LICENSE")).contains("Apache License\n                           Version 2.0"),
                "LICENSE is the Apache License 2.0");
    }

    @Test
    void manifestMakesItAnAgent() throws Exception {
        try (JarFile jar = new JarFile(ItPaths.agentJar().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("dev.skewguard.agent.SkewguardAgent", main.getValue("Premain-Class"));
            assertEquals("dev.skewguard.agent.SkewguardAgent", main.getValue("Agent-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
        }
    }
}
