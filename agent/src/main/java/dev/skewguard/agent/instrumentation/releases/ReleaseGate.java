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
 * one line (a warning when the release does not fit or is untested, else for debug=true), once per distinct line
 * however many loaders share a release. Loaders are held weakly.
 */
public final class ReleaseGate extends ElementMatcher.Junction.AbstractBase<ClassLoader> {
    private final SupportedReleases releases;
    private final Map<ClassLoader, Boolean> verdicts = new WeakHashMap<>();
    private final Set<String> said = new HashSet<>();

    public ReleaseGate(SupportedReleases releases) {
        this.releases = releases;
    }

    @Override
    public boolean matches(ClassLoader loader) {
        synchronized (this) {
            Boolean known = verdicts.get(loader);
            if (known != null) {
                return known;
            }
        }
        ReleaseCheck.Verdict verdict = ReleaseCheck.check(releases, loader);
        synchronized (this) {
            verdicts.put(loader, verdict.instrument());
            if (said.add(verdict.line())) {
                if (verdict.warns()) {
                    AgentLog.warn(verdict.line());
                } else {
                    AgentLog.debug(verdict.line());
                }
            }
        }
        return verdict.instrument();
    }
}
