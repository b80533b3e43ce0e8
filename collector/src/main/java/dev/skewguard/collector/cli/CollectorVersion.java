package dev.skewguard.collector.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * The collector's version: the build's {@code project.version}, which the jar's manifest carries as
 * {@code Implementation-Version} (as the agent's does). {@code dev} when the classes do not run from a built jar.
 */
public final class CollectorVersion implements IVersionProvider {
    /** The version this collector was built as, or {@code dev} outside a built jar. */
    public static String version() {
        String v = CollectorMain.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"skewguard-collector " + version()};
    }
}
