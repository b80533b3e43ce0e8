package dev.skewguard.agent.instrumentation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * What the instrumentations inline, and where: for each type a rule matches, the advice classes to inline into which
 * of its methods. The agent applies the rules with byte-buddy's {@link Advice} on the class file as it loads, without
 * byte-buddy's AgentBuilder (whose set-up alone cost the training thread about 0.15 s of a framework's first class
 * load). Filled once, at set-up, on one thread.
 */
public final class AdviceRules {
    private final List<TypeRule> rules = new ArrayList<>();

    /** A rule for the types {@code type} matches, in any class loader. */
    public TypeRule type(ElementMatcher<? super TypeDescription> type) {
        return type(type, null);
    }

    /** A rule for the types {@code type} matches, in the class loaders {@code loader} matches. */
    public TypeRule type(ElementMatcher<? super TypeDescription> type, ElementMatcher<? super ClassLoader> loader) {
        TypeRule rule = new TypeRule(type, loader);
        rules.add(rule);
        return rule;
    }

    /**
     * Applies the rules added from index {@code from} on only in the class loaders {@code loaders} also matches (an
     * instrumentation's {@link dev.skewguard.agent.instrumentation.releases.ReleaseGate}).
     */
    public void restrictFrom(int from, ElementMatcher<? super ClassLoader> loaders) {
        for (int i = from; i < rules.size(); i++) {
            rules.get(i).restrict(loaders);
        }
    }

    /** The rules, in the order they were added. */
    public List<TypeRule> rules() {
        return Collections.unmodifiableList(rules);
    }

    /** One type matcher and the advice it inlines into the matched type's methods. */
    public static final class TypeRule {
        private final ElementMatcher<? super TypeDescription> type;
        private final ElementMatcher<? super ClassLoader> loader;
        private ElementMatcher<? super ClassLoader> restriction;
        private final List<MethodAdvice> advice = new ArrayList<>();
        private Consumer<TypeDescription> whenMatched;

        private TypeRule(ElementMatcher<? super TypeDescription> type, ElementMatcher<? super ClassLoader> loader) {
            this.type = type;
            this.loader = loader;
        }

        /**
         * Inlines the advice class named {@code adviceClass} (one of the agent's, read from its jar, never loaded)
         * into the methods {@code methods} matches.
         */
        public TypeRule advice(ElementMatcher<? super MethodDescription> methods, String adviceClass) {
            advice.add(new MethodAdvice(methods, adviceClass, null));
            return this;
        }

        /** Inlines {@code resolved} (advice already built, with custom bindings) into the methods matched. */
        public TypeRule advice(ElementMatcher<? super MethodDescription> methods, Advice resolved) {
            advice.add(new MethodAdvice(methods, null, resolved));
            return this;
        }

        /** Told of each type the rule matches, before its advice is inlined. */
        public TypeRule whenMatched(Consumer<TypeDescription> listener) {
            this.whenMatched = listener;
            return this;
        }

        /** Whether the rule applies to {@code candidate}, defined by {@code classLoader}. */
        public boolean matches(TypeDescription candidate, ClassLoader classLoader) {
            return type.matches(candidate) && (loader == null || loader.matches(classLoader))
                    && (restriction == null || restriction.matches(classLoader));
        }

        /** The loaders this rule is restricted to ({@link AdviceRules#restrictFrom}), or null. */
        public ElementMatcher<? super ClassLoader> restriction() {
            return restriction;
        }

        /** Matched only in the loaders {@code loaders} matches too; asked last, once the type and loader match. */
        void restrict(ElementMatcher<? super ClassLoader> loaders) {
            this.restriction = loaders;
        }

        public List<MethodAdvice> advice() {
            return Collections.unmodifiableList(advice);
        }

        /** Calls the listener given to {@link #whenMatched}, if any. */
        public void matched(TypeDescription matchedType) {
            if (whenMatched != null) {
                whenMatched.accept(matchedType);
            }
        }
    }

    /** Advice for the methods a matcher matches: by class name, or already built. */
    public static final class MethodAdvice {
        private final ElementMatcher<? super MethodDescription> methods;
        private final String adviceClass;
        private final Advice resolved;

        MethodAdvice(ElementMatcher<? super MethodDescription> methods, String adviceClass, Advice resolved) {
            this.methods = methods;
            this.adviceClass = adviceClass;
            this.resolved = resolved;
        }

        public ElementMatcher<? super MethodDescription> methods() {
            return methods;
        }

        /** The advice class's binary name, or null if the advice is {@link #resolved}. */
        public String adviceClass() {
            return adviceClass;
        }

        /** The advice built by the instrumentation, or null if it is named by {@link #adviceClass}. */
        public Advice resolved() {
            return resolved;
        }
    }
}
