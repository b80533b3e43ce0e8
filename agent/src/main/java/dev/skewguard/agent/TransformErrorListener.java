package dev.skewguard.agent;

import java.util.concurrent.atomic.AtomicBoolean;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.utility.JavaModule;

/** Reports the first class the agent failed to instrument as one line; the class stays as it was. */
final class TransformErrorListener extends AgentBuilder.Listener.Adapter {
    private final AtomicBoolean warned = new AtomicBoolean();

    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                        Throwable throwable) {
        if (warned.compareAndSet(false, true)) {
            AgentLog.warn("could not instrument " + typeName + " (" + AgentLog.describe(throwable)
                    + "); it runs unchanged");
        }
    }
}
