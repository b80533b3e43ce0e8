package dev.skewguard.agent;

import dev.skewguard.agent.report.MatchedTypes;
import java.util.concurrent.atomic.AtomicBoolean;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Reports the first class the agent failed to instrument as one line (the class stays as it was); with
 * {@code debug=true}, also each class it instrumented. Tells {@link MatchedTypes} of each class instrumented.
 */
final class TransformErrorListener extends AgentBuilder.Listener.Adapter {
    private final AtomicBoolean warned = new AtomicBoolean();
    private final MatchedTypes matched;

    TransformErrorListener(MatchedTypes matched) {
        this.matched = matched;
    }

    @Override
    public void onTransformation(TypeDescription typeDescription,
                                 ClassLoader classLoader, JavaModule module, boolean loaded,
                                 DynamicType dynamicType) {
        matched.instrumented(typeDescription.getName());
        AgentLog.debug("instrumented " + typeDescription.getName() + (loaded ? " (retransformed)" : ""));
    }

    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                        Throwable throwable) {
        if (warned.compareAndSet(false, true)) {
            AgentLog.warn("could not instrument " + typeName + " (" + AgentLog.describe(throwable)
                    + "); it runs unchanged");
        }
    }
}
