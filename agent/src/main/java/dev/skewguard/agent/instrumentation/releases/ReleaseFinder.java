package dev.skewguard.agent.instrumentation.releases;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads which release of a framework a class loader sees, as resources of that loader (nothing is loaded): the
 * Maven {@code pom.properties} in the jar that holds the framework's key class, else one anywhere in the loader,
 * else that jar's manifest ({@code Implementation-Version}, then {@code Specification-Version}: DJL's jars have no
 * pom.properties), else the version in that jar's file name ({@code api-0.35.1.jar}). Never throws; null when none
 * says.
 */
final class ReleaseFinder {
    private ReleaseFinder() {
    }

    /** The release of {@code releases}' framework in {@code loader}, or null when nothing names it. */
    static String find(ClassLoader loader, SupportedReleases releases) {
        URL keyClass = resource(loader, releases.keyClass().replace('.', '/') + ".class");
        boolean inJar = keyClass != null && "jar".equals(keyClass.getProtocol())
                && keyClass.toString().contains("!/");
        if (inJar) {
            // The key class's own jar first: another jar of the loader may carry an older copy of pom.properties.
            String jar = keyClass.toString().substring(0, keyClass.toString().indexOf("!/") + 2);
            for (String artifact : releases.artifacts()) {
                String version = pomVersion(url(jar + pomProperties(releases.group(), artifact)));
                if (version != null) {
                    return version;
                }
            }
        }
        for (String artifact : releases.artifacts()) {
            String version = pomVersion(resource(loader, pomProperties(releases.group(), artifact)));
            if (version != null) {
                return version;
            }
        }
        if (!inJar) {
            return null;
        }
        String version = manifestVersion(keyClass);
        return version != null ? version : fileNameVersion(keyClass, releases.artifacts());
    }

    private static String pomProperties(String group, String artifact) {
        return "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    }

    private static URL url(String spec) {
        try {
            return new URL(spec);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String pomVersion(URL url) {
        if (url == null) {
            return null;
        }
        try (InputStream in = open(url)) {
            Properties properties = new Properties();
            properties.load(in);
            return blankToNull(properties.getProperty("version"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String manifestVersion(URL keyClass) {
        try {
            URLConnection connection = keyClass.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return null;
            }
            jar.setUseCaches(false);
            Manifest manifest;
            try (java.util.jar.JarFile file = jar.getJarFile()) {
                manifest = file.getManifest();
            }
            if (manifest == null) {
                return null;
            }
            Attributes main = manifest.getMainAttributes();
            String version = blankToNull(main.getValue(Attributes.Name.IMPLEMENTATION_VERSION));
            return version != null ? version : blankToNull(main.getValue(Attributes.Name.SPECIFICATION_VERSION));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code .../api-0.35.1.jar!/ai/djl/...}: the part after the artifact's name. */
    static String fileNameVersion(URL keyClass, java.util.List<String> artifacts) {
        String path = keyClass.getPath();
        int bang = path.indexOf("!/");
        String jar = path.substring(path.lastIndexOf('/', bang < 0 ? path.length() : bang) + 1,
                bang < 0 ? path.length() : bang);
        for (String artifact : artifacts) {
            Matcher m = Pattern.compile(Pattern.quote(artifact) + "-(\\d[^/]*?)\\.jar").matcher(jar);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static URL resource(ClassLoader loader, String name) {
        try {
            return loader == null ? null : loader.getResource(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static InputStream open(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false); // the application's own jar file handles stay as they were
        return connection.getInputStream();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
