package dev.skewguard.agent.instrumentation.methods;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.instrumentation.AdviceRules;
import dev.skewguard.agent.instrumentation.Instrumentation;
import dev.skewguard.agent.instrumentation.LoadingClass;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.asm.Advice;

/**
 * The generic instrumentation: captures labels and predictions from any method the {@code methods} option names
 * (syntax in {@link MethodSpecParser}). The option is parsed once, at start, where each bad spec is one warning.
 * Each spec matches its class by exact name and its methods with {@link SpecMethodMatch}; the advice is inlined and
 * bound to the spec's index. When a spec's class loads, {@link SpecOutcomes} says why it matched no method; at exit,
 * which specs matched nothing.
 */
public final class MethodsInstrumentation implements Instrumentation {
    /** The valid specs, parsed at start. */
    private volatile List<MethodSpec> specs;
    private volatile SpecOutcomes outcomes;
    /** Internal names of the classes the specs name. */
    private volatile List<String> classNames = List.of();

    @Override
    public String name() {
        return MethodsCapture.NAME;
    }

    /** Parses the specs (one warning per bad one); their classes: byte-buddy is set up when the first one loads. */
    @Override
    public Set<String> typeNamePrefixes(AgentConfig config) {
        List<MethodSpec> parsed = specs(config);
        Set<String> names = new LinkedHashSet<>();
        List<String> internal = new ArrayList<>();
        for (MethodSpec spec : parsed) {
            if (names.add(spec.className())) {
                internal.add(spec.className().replace('.', '/'));
            }
        }
        classNames = internal;
        return names;
    }

    /** Only the classes the specs name (each is matched by its exact name); any class if they are not known yet. */
    @Override
    public boolean mayTransform(LoadingClass type) {
        List<String> names = classNames;
        if (names.isEmpty()) {
            return true;
        }
        for (String name : names) {
            if (type.isNamed(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void addRules(AdviceRules rules, AgentConfig config) {
        List<MethodSpec> parsed = specs(config);
        if (parsed.isEmpty()) {
            return;
        }
        MethodsCapture.install(parsed);
        SpecOutcomes seen = outcomes;
        for (int i = 0; i < parsed.size(); i++) {
            MethodSpec spec = parsed.get(i);
            int index = i;
            Advice advice = Advice.withCustomMapping()
                    .bind(SpecIndex.class, i)
                    .to(spec.usesReturn() ? MethodsAdvice.class : MethodsArgsAdvice.class,
                            Instrumentation.agentClassFiles());
            rules.type(named(spec.className()))
                    .whenMatched(type -> seen.classLoaded(index, type))
                    .advice(new SpecMethodMatch(spec), advice);
        }
    }

    /** One line for each spec that matched no class or method (for the agent's exit report). */
    @Override
    public List<String> exitWarnings() {
        SpecOutcomes seen = outcomes;
        return seen == null ? List.of() : seen.unmatched();
    }

    private synchronized List<MethodSpec> specs(AgentConfig config) {
        if (specs == null) {
            specs = MethodSpecParser.parse(config.methods(), AgentLog.WARN);
            outcomes = new SpecOutcomes(specs);
        }
        return specs;
    }
}
