package dev.skewguard.agent.instrumentation.methods;

import dev.skewguard.agent.AgentLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * What became of each {@link MethodSpec}: whether its class loaded and which of its methods were instrumented. When
 * the class loads, one warning says why a spec matched no method (no method of that name, or the reasons each
 * method of that name was passed over), and with {@code debug=true} one line names each method instrumented or passed
 * over. At exit, {@link #unmatched()} names the specs that matched nothing.
 */
final class SpecOutcomes {
    private final List<MethodSpec> specs;
    private final AtomicBoolean[] classLoaded;
    private final AtomicBoolean[] matched;
    private final AtomicBoolean[] warned;
    private final AtomicReferenceArray<String> whyNot;

    private final Consumer<String> warn;

    SpecOutcomes(List<MethodSpec> specs) {
        this(specs, AgentLog.WARN);
    }

    /** {@code warn}: where the class-load warnings go (tests). */
    SpecOutcomes(List<MethodSpec> specs, Consumer<String> warn) {
        this.warn = warn;
        this.specs = List.copyOf(specs);
        int n = specs.size();
        classLoaded = new AtomicBoolean[n];
        matched = new AtomicBoolean[n];
        warned = new AtomicBoolean[n];
        whyNot = new AtomicReferenceArray<>(n);
        for (int i = 0; i < n; i++) {
            classLoaded[i] = new AtomicBoolean();
            matched[i] = new AtomicBoolean();
            warned[i] = new AtomicBoolean();
        }
    }

    /** The class spec {@code index} names is being instrumented: check its methods, say what matched and why not. */
    void classLoaded(int index, TypeDescription type) {
        MethodSpec spec = specs.get(index);
        SpecMethodMatch match = new SpecMethodMatch(spec);
        classLoaded[index].set(true);
        List<String> passedOver = new ArrayList<>();
        List<String> otherNames = new ArrayList<>();
        boolean any = false;
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            if (!method.isMethod()) {
                continue;
            }
            if (!method.getInternalName().equals(spec.methodName())) {
                if (otherNames.size() < 12 && !otherNames.contains(method.getInternalName())
                        && !method.isSynthetic()) {
                    otherNames.add(method.getInternalName());
                }
                continue;
            }
            String why = match.whyNot(method);
            String shown = type.getName() + "#" + spec.methodName() + method.getDescriptor();
            if (why == null) {
                any = true;
                AgentLog.debug("methods spec '" + spec.text() + "': instrumented " + shown);
            } else {
                passedOver.add(shown + ": " + why);
                AgentLog.debug("methods spec '" + spec.text() + "': not instrumented " + shown + ": " + why);
            }
        }
        if (any) {
            matched[index].set(true);
            return;
        }
        String why = passedOver.isEmpty()
                ? "class " + type.getName() + " declares no method " + spec.methodName() + " (it declares: "
                        + (otherNames.isEmpty() ? "none" : String.join(", ", otherNames))
                        + "; an inherited method is matched in the class that declares it)"
                : "no method of " + type.getName() + " fits: " + String.join("; ", passedOver);
        whyNot.set(index, why);
        if (!matched[index].get() && warned[index].compareAndSet(false, true)) {
            warn.accept("methods spec '" + spec.text() + "' matched no method: " + why + "; fix the spec");
        }
    }

    /** One line for each spec that matched no method: its class never loaded, or it has no such method. */
    List<String> unmatched() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            if (matched[i].get()) {
                continue;
            }
            String why = classLoaded[i].get() && whyNot.get(i) != null ? whyNot.get(i)
                    : "class " + specs.get(i).className() + " never loaded (check its name; a nested class is"
                            + " Outer$Inner)";
            lines.add("methods spec '" + specs.get(i).text() + "' matched no class or method: " + why);
        }
        return lines;
    }

    /** Whether any spec instrumented a method. */
    boolean anyMatched() {
        for (AtomicBoolean m : matched) {
            if (m.get()) {
                return true;
            }
        }
        return false;
    }
}
