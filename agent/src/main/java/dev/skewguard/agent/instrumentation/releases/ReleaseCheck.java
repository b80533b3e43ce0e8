package dev.skewguard.agent.instrumentation.releases;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Checks one class loader against an instrumentation's {@link SupportedReleases}: which release it has, whether
 * every {@link Requirement} is there, and so whether the instrumentation's advice may be applied in it. The result
 * is a {@link Verdict}, with the one line the user is told. Reads resources and class files only; never throws.
 */
public final class ReleaseCheck {
    /** At most this many missing members are named in the line. */
    static final int NAMED_MISSING = 3;
    static final String INSTEAD = "methods=Class#method:labels=argN,predictions=return";

    private ReleaseCheck() {
    }

    /** What was found in a loader, whether the advice may be applied, and what to tell the user. */
    public record Verdict(Kind kind, String release, List<String> missing, String line) {
        /** Whether the instrumentation's rules apply in this loader. */
        public boolean instrument() {
            return kind != Kind.DOES_NOT_FIT;
        }

        /** Whether {@link #line} is a warning (else it is for debug=true only). */
        public boolean warns() {
            return kind == Kind.DOES_NOT_FIT || kind == Kind.UNTESTED;
        }
    }

    public enum Kind {
        /** The key class is not there: this loader does not have the framework (its rules apply as they would). */
        ABSENT,
        /** A release in the range, with everything the advice needs. */
        SUPPORTED,
        /** Everything the advice needs is there, but the release is outside the range: instrumented, untested. */
        UNTESTED,
        /** Everything the advice needs is there, and the release could not be read: instrumented. */
        UNKNOWN_RELEASE,
        /** Something the advice needs is missing: not instrumented. */
        DOES_NOT_FIT
    }

    /** Checks {@code loader}, reading its class files through the loader. */
    public static Verdict check(SupportedReleases releases, ClassLoader loader) {
        try {
            TypePool pool = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(),
                    ClassFileLocator.ForClassLoader.of(loader), TypePool.Default.ReaderMode.FAST);
            return check(releases, ReleaseFinder.find(loader, releases), pool);
        } catch (Throwable t) {
            return new Verdict(Kind.UNKNOWN_RELEASE, null, List.of(), releases.framework()
                    + ": the release check failed (" + t + "); instrumented as it would be without the check");
        }
    }

    /** Checks the class files {@code pool} reads, for a loader whose release is {@code release} (null: unknown). */
    static Verdict check(SupportedReleases releases, String release, TypePool pool) {
        String framework = releases.framework();
        String found = release == null ? "(release unknown: no version for " + releases.coordinates() + ")"
                : release + " (" + releases.coordinates() + ")";
        if (!pool.describe(releases.keyClass()).isResolved()) {
            return new Verdict(Kind.ABSENT, release, List.of(), framework + ": " + releases.keyClass()
                    + " is not in this class loader; its rules apply unchecked");
        }
        List<String> missing = new ArrayList<>();
        for (Requirement requirement : releases.requirements()) {
            if (requirement.isMissingFrom(pool)) {
                missing.add(requirement.toString());
            }
        }
        boolean inRange = release != null && releases.covers(ReleaseVersion.parse(release));
        if (!missing.isEmpty()) {
            return new Verdict(Kind.DOES_NOT_FIT, release, missing, framework + " " + found
                    + (release == null || inRange ? "" : " is outside the supported releases " + releases.range()
                    + " and") + " does not fit the agent: it lacks " + named(missing) + "; "
                    + releases.lost() + ": use a release from " + releases.range()
                    + ", or name the method that sees labels and predictions with " + INSTEAD);
        }
        if (release == null) {
            return new Verdict(Kind.UNKNOWN_RELEASE, null, missing, framework + " " + found + " has every class "
                    + "and member the agent needs (" + releases.requirements().size() + " checked); instrumented");
        }
        if (!inRange) {
            return new Verdict(Kind.UNTESTED, release, missing, framework + " " + found + " is outside the "
                    + "supported releases " + releases.range() + ": it has every class and member the agent needs, "
                    + "so it is instrumented, untested; if the report's counts differ from what the job trained, use "
                    + "a release from " + releases.range() + " or " + INSTEAD);
        }
        return new Verdict(Kind.SUPPORTED, release, missing, framework + " " + found + " is supported ("
                + releases.range() + "), with every class and member the agent needs ("
                + releases.requirements().size() + " checked)");
    }

    private static String named(List<String> missing) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(NAMED_MISSING, missing.size()); i++) {
            s.append(i == 0 ? "" : ", ").append(missing.get(i));
        }
        if (missing.size() > NAMED_MISSING) {
            s.append(" and ").append(missing.size() - NAMED_MISSING).append(" more");
        }
        return s.toString();
    }
}
