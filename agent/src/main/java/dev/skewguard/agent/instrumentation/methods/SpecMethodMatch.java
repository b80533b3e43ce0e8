package dev.skewguard.agent.instrumentation.methods;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Which methods of a class a {@link MethodSpec} instruments, and why another method of that name is not: one test
 * serves both the matcher byte-buddy uses and the lines that tell the user (so they cannot disagree).
 */
final class SpecMethodMatch extends ElementMatcher.Junction.AbstractBase<MethodDescription> {
    private final MethodSpec spec;

    SpecMethodMatch(MethodSpec spec) {
        this.spec = spec;
    }

    @Override
    public boolean matches(MethodDescription method) {
        return method.isMethod() && method.getInternalName().equals(spec.methodName()) && whyNot(method) == null;
    }

    /**
     * Why a method named as the spec says is not instrumented, or null if it is. The method must not be abstract,
     * must have the parameter count the spec gives (if it gives one) and at least the parameters its argN read, and
     * must return a value if the spec reads {@code return}.
     */
    String whyNot(MethodDescription method) {
        int parameters = method.getParameters().size();
        if (method.isAbstract()) {
            return "it is abstract (name the class that implements it)";
        }
        if (spec.arity() >= 0 && parameters != spec.arity()) {
            return "it has " + parameters + " parameters, the spec says (" + spec.arity() + ")";
        }
        if (parameters < spec.minimumArity()) {
            return "it has " + parameters + " parameters but the spec reads arg" + (spec.minimumArity() - 1)
                    + " (argN counts from 0)";
        }
        if (spec.usesReturn() && method.getReturnType().represents(void.class)) {
            return "it returns void but the spec reads return";
        }
        return null;
    }
}
