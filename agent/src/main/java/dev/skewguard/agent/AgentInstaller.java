package dev.skewguard.agent;

import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.instrumentation.AgentIgnores;
import dev.skewguard.agent.instrumentation.Instrumentation;
import dev.skewguard.agent.report.MatchedTypes;
import java.lang.instrument.ClassFileTransformer;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.TypeValidation;

/** Builds the byte-buddy AgentBuilder from the enabled instrumentations: installed, or handed to LazyInstaller. */
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
        // No validation of the (inlined-advice) classes byte-buddy writes: the advice is ours and tested, and
        // validating every transformed class costs start-up time on the training thread.
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(retransformLoaded ? AgentBuilder.RedefinitionStrategy.RETRANSFORMATION
                        : AgentBuilder.RedefinitionStrategy.DISABLED)
                // Advice is applied to the class file as it is (no re-definition of the type through byte-buddy's
                // method registry): the inlined advice needs nothing more, and the first transformation of a run,
                // on the training thread, took about 100 ms instead of 115 ms in a DJL run (Trainer 12-16 instead
                // of 27 ms).
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(new TypePoolCache())
                .with(new TransformErrorListener(matched))
                .ignore(new AgentIgnores());
        List<String> active = new ArrayList<>();
        for (Instrumentation instrumentation : enabled) {
            try {
                AgentBuilder extended = instrumentation.extend(builder, config);
                if (extended != null && extended != builder) {
                    builder = extended;
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
        return retransformLoaded ? builder.installOn(inst) : builder.makeRaw();
    }
}
