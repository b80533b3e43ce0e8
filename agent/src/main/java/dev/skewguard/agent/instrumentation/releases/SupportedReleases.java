package dev.skewguard.agent.instrumentation.releases;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an instrumentation declares about the releases of its framework, as the OpenTelemetry Java agent does for
 * its instrumentation modules: the range it is tested with (both ends in the test suite), where a class loader's
 * release is read from (a Maven group and artifact, and a key class whose presence says the framework is there),
 * the classes and members its advice and helpers need ({@link Requirement}s, checked before any advice is applied
 * in a loader: "muzzle"), and, for the one line a release that does not fit gets, what is then lost.
 * {@link ReleaseCheck} applies it.
 */
public final class SupportedReleases {
    private final String framework;
    private final String group;
    private final List<String> artifacts;
    private final String keyClass;
    private final ReleaseVersion lowest;
    private final ReleaseVersion highest;
    private final String lost;
    private final List<Requirement> requirements = new ArrayList<>();

    private SupportedReleases(String framework, String group, List<String> artifacts, String keyClass,
                              String lowest, String highest, String lost) {
        this.framework = framework;
        this.group = group;
        this.artifacts = artifacts;
        this.keyClass = keyClass;
        this.lowest = ReleaseVersion.parse(lowest);
        this.highest = ReleaseVersion.parse(highest);
        this.lost = lost;
    }

    /**
     * @param framework the framework's name as users know it ({@code DJL})
     * @param group     the Maven group of the jar the release is read from ({@code ai.djl})
     * @param artifacts its artifact ids, the first found wins ({@code xgboost4j_2.12}, {@code xgboost4j_2.13})
     * @param keyClass  a class of that jar; a loader without it does not have the framework
     * @param lowest    the oldest release tested
     * @param highest   the newest release tested
     * @param lost      what is lost where the instrumentation is not applied ({@code DJL's training and validation
     *                  batches are not captured})
     */
    public static SupportedReleases of(String framework, String group, List<String> artifacts, String keyClass,
                                       String lowest, String highest, String lost) {
        return new SupportedReleases(framework, group, List.copyOf(artifacts), keyClass, lowest, highest, lost);
    }

    /** Adds what the advice and helpers need. */
    public SupportedReleases needs(Requirement... needed) {
        Collections.addAll(requirements, needed);
        return this;
    }

    public String framework() {
        return framework;
    }

    public String group() {
        return group;
    }

    public List<String> artifacts() {
        return artifacts;
    }

    public String keyClass() {
        return keyClass;
    }

    public List<Requirement> requirements() {
        return Collections.unmodifiableList(requirements);
    }

    /** What is lost where the instrumentation is not applied, a clause of the one line. */
    public String lost() {
        return lost;
    }

    /** Whether {@code release} lies in the tested range, both ends included. */
    public boolean covers(ReleaseVersion release) {
        return release.compareTo(lowest) >= 0 && release.compareTo(highest) <= 0;
    }

    /** {@code 0.28.0 to 0.36.0}. */
    public String range() {
        return lowest + " to " + highest;
    }

    /** {@code ai.djl:api}. */
    public String coordinates() {
        return group + ":" + artifacts.get(0);
    }
}
