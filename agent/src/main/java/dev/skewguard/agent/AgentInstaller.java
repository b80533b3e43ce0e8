package dev.skewguard.agent;

import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.instrumentation.AdviceRules;
import dev.skewguard.agent.instrumentation.Instrumentation;
import dev.skewguard.agent.instrumentation.releases.ReleaseGate;
import dev.skewguard.agent.instrumentation.releases.SupportedReleases;
import dev.skewguard.agent.report.MatchedTypes;
import java.lang.instrument.ClassFileTransformer;
import java.util.ArrayList;
import java.util.List;

/** Gathers the enabled instrumentations' advice rules into the transformer: installed, or handed to LazyInstaller. */
final class AgentInstaller {
    private AgentInstaller() {
    }

    /**
     * Builds the transformer, or returns null if no instrumentation added anything. With {@code retransformLoaded}
     * (attached to a running JVM) it is registered and every loaded class that matches is retransformed; else it is
     * returned unregistered, for {@link LazyInstaller} to call.
     */
    static ClassFileTransformer install(java.lang.instrument.Instrumentation inst, List<Instrumentation> enabled,
                                        AgentConfig config, MatchedTypes matched, boolean retransformLoaded) {
        AdviceRules rules = new AdviceRules();
        List<String> active = new ArrayList<>();
        for (Instrumentation instrumentation : enabled) {
            int before = rules.rules().size();
            try {
                instrumentation.addRules(rules, config);
                SupportedReleases releases = instrumentation.supportedReleases();
                if (releases != null) {
                    rules.restrictFrom(before, new ReleaseGate(releases));
                }
                if (rules.rules().size() > before) {
                    active.add(instrumentation.name());
                }
            } catch (Throwable t) {
                AgentLog.warn("instrumentation " + instrumentation.name() + " is off: " + AgentLog.describe(t));
            }
        }
        if (active.isEmpty()) {
            return null;
        }
        AgentInfo.set(config, active);
        AdviceTransformer transformer = new AdviceTransformer(rules.rules(), matched);
        if (retransformLoaded) {
            inst.addTransformer(transformer, true);
            retransform(inst, transformer);
        }
        return transformer;
    }

    /** Retransforms the loaded classes a rule matches, one at a time: one that fails leaves the others. */
    static void retransform(java.lang.instrument.Instrumentation inst, AdviceTransformer transformer) {
        for (Class<?> loaded : inst.getAllLoadedClasses()) {
            try {
                if (inst.isModifiableClass(loaded) && transformer.matches(loaded)) {
                    inst.retransformClasses(loaded);
                }
            } catch (Throwable t) {
                AgentLog.warn("could not instrument the loaded class " + loaded.getName() + " ("
                        + AgentLog.describe(t) + "); it runs unchanged");
            }
        }
    }
}
