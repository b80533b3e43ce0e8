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
    /** Where the transport's classes hide from the bootstrap and application class paths (as .classdata). */
    private static final String HIDDEN = "inst/";
    private static final String SHADED = OWN + "shaded/";

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
                if (name.endsWith(".classdata") && !name.startsWith(HIDDEN + OWN)) {
                    outside.add(name);
                }
                if (name.startsWith("META-INF/versions/") || name.startsWith("META-INF/native/")) {
                    outside.add(name);
                }
            }
        }
        assertTrue(classes > 1000, "expected the relocated dependencies in the jar, found " + classes + " classes");
        assertEquals(List.of(), outside, "entries outside " + OWN);
    }

    /**
     * grpc-okhttp needs a class loader of its own (the agent's other classes go on the bootstrap class path, whose
     * loader is null): it, okio, Kotlin's runtime and the agent's OkHttpChannels are only under inst/, where neither
     * class path looks.
     */
    @Test
    void theTransportIsHiddenFromBothClassPaths() throws Exception {
        List<String> visible = new ArrayList<>();
        try (JarFile jar = new JarFile(ItPaths.agentJar().toFile())) {
            for (JarEntry e : Collections.list(jar.entries())) {
                String name = e.getName();
                for (String hidden : List.of(SHADED + "io/grpc/okhttp/", SHADED + "okio/", SHADED + "kotlin/",
                        OWN + "export/okhttp/")) {
                    if (name.startsWith(hidden) && !e.isDirectory()) {
                        visible.add(name);
                    }
                }
            }
            assertEquals(List.of(), visible, "transport classes outside " + HIDDEN);
            for (String name : List.of(SHADED + "io/grpc/okhttp/OkHttpChannelBuilder", SHADED + "okio/Buffer",
                    OWN + "export/okhttp/OkHttpChannels")) {
                assertNotNull(jar.getJarEntry(HIDDEN + name + ".classdata"), HIDDEN + name + ".classdata");
            }
            assertNotNull(jar.getJarEntry(HIDDEN), "the directory the agent looks for before it uses the "
                    + "bootstrap class path");
        }
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
                        assertTrue(provider.isEmpty()
                                        || jar.getJarEntry(provider.replace('.', '/') + ".class") != null,
                                name + " names " + provider + ", which a class path must be able to load");
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
            assertEquals("dev.skewguard.agent.cli.AgentCommand", main.getValue("Main-Class"), "java -jar ... attach");
        }
    }

    /**
     * The entry point names no class of the agent but itself and AgentMain (which it calls once the jar is on the
     * bootstrap class path): the jar's command (Main-Class) above all, or the application's loader would load it.
     */
    @Test
    void theEntryPointNamesOnlyAgentMain() throws Exception {
        try (JarFile jar = new JarFile(ItPaths.agentJar().toFile())) {
            byte[] bytes = jar.getInputStream(jar.getJarEntry(OWN + "SkewguardAgent.class")).readAllBytes();
            java.util.regex.Matcher named = java.util.regex.Pattern.compile("dev/skewguard/agent/[\\w/$]+")
                    .matcher(new String(bytes, StandardCharsets.ISO_8859_1));
            java.util.Set<String> names = new java.util.TreeSet<>();
            while (named.find()) {
                names.add(named.group());
            }
            assertEquals(java.util.Set.of(OWN + "AgentMain", OWN + "SkewguardAgent"), names);
        }
    }
}
