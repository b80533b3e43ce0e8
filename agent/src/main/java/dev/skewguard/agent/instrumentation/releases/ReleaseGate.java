package dev.skewguard.agent.instrumentation.releases;

import dev.skewguard.agent.AgentLog;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches the class loaders in which an instrumentation's rules may apply: it {@link ReleaseCheck checks} each
 * loader once, the first time one of the instrumentation's rules matches a class of it, and says what it found in
 * one line (a warning when the release does not fit or is untested, else for debug=true, with the time the check
 * took and on which thread), once per distinct line however many loaders share a release. Loaders are held weakly.
 */
public final class ReleaseGate extends ElementMatcher.Junction.AbstractBase<ClassLoader> {
    private final SupportedReleases releases;
    private final Map<ClassLoader, Boolean> verdicts = new WeakHashMap<>();
    private final Set<String> said = new HashSet<>();

    public ReleaseGate(SupportedReleases releases) {
        this.releases = releases;
    }

    /**
     * Checks {@code loader} now, if it has the framework's key class, so that the first class a rule matches there
     * finds the verdict made (the agent calls it off the application's threads). Never throws.
     */
    public void checkAhead(ClassLoader loader) {
        try {
            if (loader != null && loader.getResource(releases.keyClass().replace('.', '/') + ".class") != null) {
                matches(loader);
            }
        } catch (Throwable t) {
            // the first matching class checks it instead
        }
    }

    @Override
    public boolean matches(ClassLoader loader) {
        synchronized (this) {
            Boolean known = verdicts.get(loader);
            if (known != null) {
                return known;
            }
        }
        long start = System.nanoTime();
        ReleaseCheck.Verdict verdict = ReleaseCheck.check(releases, loader);
        long tookMicros = (System.nanoTime() - start) / 1000;
        synchronized (this) {
            verdicts.put(loader, verdict.instrument());
            if (said.add(verdict.line())) {
                if (verdict.warns()) {
                    AgentLog.warn(verdict.line());
                } else {
                    AgentLog.debug(verdict.line() + "; checked in " + tookMicros / 1000 + "." + tookMicros / 100 % 10
                            + " ms on thread " + Thread.currentThread().getName());
                }
            }
        }
        return verdict.instrument();
    }
}
