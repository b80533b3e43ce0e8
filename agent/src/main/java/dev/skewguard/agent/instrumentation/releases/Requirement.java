package dev.skewguard.agent.instrumentation.releases;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;

/**
 * One class, method or field an instrumentation's advice or helpers need, by name only: a method by its name and
 * its parameters' type names (and, if it matters, its return type's), declared by the class or inherited from any
 * of its super types. {@link #isMissingFrom} reads class files through a {@link TypePool}; nothing is loaded.
 */
public final class Requirement {
    private final String type;
    private final String member;
    private final List<String> parameters;
    private final String returns;
    private final boolean field;

    private Requirement(String type, String member, List<String> parameters, String returns, boolean field) {
        this.type = type;
        this.member = member;
        this.parameters = parameters;
        this.returns = returns;
        this.field = field;
    }

    /** The class (or interface) itself. */
    public static Requirement type(String type) {
        return new Requirement(type, null, null, null, false);
    }

    /** A method of {@code type} taking exactly these parameter types (binary names, {@code int}, {@code float[]}). */
    public static Requirement method(String type, String name, String... parameters) {
        return new Requirement(type, name, List.of(parameters), null, false);
    }

    /** A field of {@code type} (the advice reads it with {@code @Advice.FieldValue}). */
    public static Requirement field(String type, String name) {
        return new Requirement(type, name, null, null, true);
    }

    /** This method, returning {@code returnType}. */
    public Requirement returning(String returnType) {
        return new Requirement(type, member, parameters, returnType, field);
    }

    /** Whether {@code pool} (one class loader's class files) lacks it. */
    public boolean isMissingFrom(TypePool pool) {
        TypePool.Resolution resolution = pool.describe(type);
        if (!resolution.isResolved()) {
            return true;
        }
        if (member == null) {
            return false;
        }
        Deque<TypeDescription> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        pending.add(resolution.resolve());
        while (!pending.isEmpty()) {
            TypeDescription next = pending.poll();
            if (!seen.add(next.getName())) {
                continue;
            }
            try {
                if (declares(next)) {
                    return false;
                }
                TypeDescription.Generic superClass = next.getSuperClass();
                if (superClass != null) {
                    pending.add(superClass.asErasure());
                }
                for (TypeDescription.Generic implemented : next.getInterfaces()) {
                    pending.add(implemented.asErasure());
                }
            } catch (RuntimeException unresolved) {
                // A super type (or a type in a signature) this loader cannot see: its members are not there either.
            }
        }
        return true;
    }

    private boolean declares(TypeDescription candidate) {
        if (field) {
            for (FieldDescription.InDefinedShape declared : candidate.getDeclaredFields()) {
                if (declared.getName().equals(member)) {
                    return true;
                }
            }
            return false;
        }
        for (MethodDescription.InDefinedShape method : candidate.getDeclaredMethods()) {
            if (method.getName().equals(member) && parameters.equals(
                    Arrays.asList(method.getParameters().asTypeList().asErasures().stream()
                            .map(TypeDescription::getActualName).toArray(String[]::new)))
                    && (returns == null || method.getReturnType().asErasure().getActualName().equals(returns))) {
                return true;
            }
        }
        return false;
    }

    /** The class that must declare or inherit it. */
    String type() {
        return type;
    }

    /** The method's or field's name; null for the class itself. */
    String member() {
        return member;
    }

    /** The method's parameter types; null for a field or the class. */
    List<String> parameters() {
        return parameters;
    }

    /** As the one line names it: {@code org.tensorflow.Session$Runner#runHelper(boolean) returning ...Result}. */
    @Override
    public String toString() {
        if (member == null) {
            return "class " + type;
        }
        if (field) {
            return "field " + type + "#" + member;
        }
        StringBuilder s = new StringBuilder(type).append('#').append(member).append('(');
        for (int i = 0; i < parameters.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(simple(parameters.get(i)));
        }
        s.append(')');
        return returns == null ? s.toString() : s.append(" returning ").append(returns).toString();
    }

    private static String simple(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
