package dev.skewguard.agent.instrumentation.methods;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.instrumentation.Instrumentation;
import dev.skewguard.agent.instrumentation.LoadingClass;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The generic instrumentation: captures labels and predictions from any method the {@code methods} option names
 * (syntax in {@link MethodSpecParser}). Each spec matches its class by exact name and its method by name (and
 * parameter count, if given); the advice is inlined and bound to the spec's index.
 */
public final class MethodsInstrumentation implements Instrumentation {
    /** Internal names of the classes the specs name (set with {@link #typeNamePrefixes}). */
    private volatile List<String> classNames = List.of();

    @Override
    public String name() {
        return MethodsCapture.NAME;
    }

    /** The classes the specs name: byte-buddy is set up when the first of them loads. */
    @Override
    public Set<String> typeNamePrefixes(AgentConfig config) {
        Set<String> names = new HashSet<>();
        for (MethodSpec spec : MethodSpecParser.parse(config.methods(), warning -> { })) {
            names.add(spec.className());
        }
        List<String> internal = new ArrayList<>();
        for (String name : names) {
            internal.add(name.replace('.', '/'));
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
    public AgentBuilder extend(AgentBuilder builder, AgentConfig config) {
        List<MethodSpec> specs = MethodSpecParser.parse(config.methods(), AgentLog::warn);
        if (specs.isEmpty()) {
            return builder;
        }
        MethodsCapture.install(specs);
        AgentBuilder result = builder;
        for (int i = 0; i < specs.size(); i++) {
            MethodSpec spec = specs.get(i);
            Advice advice = Advice.withCustomMapping()
                    .bind(SpecIndex.class, i)
                    .to(spec.usesReturn() ? MethodsAdvice.class : MethodsArgsAdvice.class);
            ElementMatcher.Junction<MethodDescription> method = isMethod()
                    .and(named(spec.methodName()))
                    .and(not(isAbstract()))
                    .and(new MinimumParameters(spec.minimumArity()));
            if (spec.arity() >= 0) {
                method = method.and(takesArguments(spec.arity()));
            }
            if (spec.usesReturn()) {
                method = method.and(not(returns(void.class)));
            }
            ElementMatcher.Junction<MethodDescription> matcher = method;
            result = result.type(named(spec.className()))
                    .transform((b, type, loader, module, domain) -> b.visit(advice.on(matcher)));
        }
        return result;
    }

    /** Methods with at least this many parameters. */
    private static final class MinimumParameters extends ElementMatcher.Junction.AbstractBase<MethodDescription> {
        private final int minimum;

        MinimumParameters(int minimum) {
            this.minimum = minimum;
        }

        @Override
        public boolean matches(MethodDescription target) {
            return target.getParameters().size() >= minimum;
        }
    }
}
