package dev.skewguard.collector.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The page and its scripts, read once from the collector jar (the chart library from its webjar). */
final class DashboardAssets {
    /** The version of org.webjars.npm:uplot in the collector's pom. */
    static final String UPLOT_VERSION = "1.6.30";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
    private static final String OWN = "/dev/skewguard/collector/dashboard/";

    /** Served path (under /assets/) to classpath resource. */
    static final Map<String, String> FILES = Map.of(
            "uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js",
            "uPlot.min.css", UPLOT + "uPlot.min.css",
            "dashboard.js", OWN + "dashboard.js",
            "dashboard.css", OWN + "dashboard.css");

    private DashboardAssets() {
    }

    /** The page itself. */
    static byte[] page() {
        return read(OWN + "index.html");
    }

    static byte[] read(String resource) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the collector jar lacks " + resource + ": rebuild it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
