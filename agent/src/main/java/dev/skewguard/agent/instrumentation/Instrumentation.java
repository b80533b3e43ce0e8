package dev.skewguard.agent.instrumentation;

import dev.skewguard.agent.config.AgentConfig;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One instrumentation of the agent: a set of type matchers plus inlined advice, for one framework.
 *
 * <p>Implementations live in their own subpackage (e.g. {@code dev.skewguard.agent.instrumentation.djl}) and are
 * listed in {@code META-INF/services/dev.skewguard.agent.instrumentation.Instrumentation}; the agent finds them with
 * {@link java.util.ServiceLoader}. Rules for implementations:
 * <ul>
 *   <li>match types by name only; never use a class literal of a framework type (it would load the framework while
 *       the agent starts);</li>
 *   <li>advice is inlined ({@code @Advice.OnMethodEnter/Exit} with the default {@code inline = true}), holds no
 *       state, wraps its own work in {@code try/catch(Throwable)} that calls
 *       {@link dev.skewguard.agent.capture.Capture#adviceError}, and calls
 *       {@link dev.skewguard.agent.capture.Capture#checkStop()} outside that catch;</li>
 *   <li>hand the captured values to {@link dev.skewguard.agent.capture.Capture#record} or
 *       {@link dev.skewguard.agent.capture.Capture#recordScores} as fresh arrays.</li>
 * </ul>
 */
public interface Instrumentation {

    /** The option key of this instrumentation, e.g. {@code djl}: {@code djl=false} turns it off. */
    String name();

    /** Whether the instrumentation is on when the user says nothing. Most are; override to make one opt-in. */
    default boolean enabledByDefault() {
        return true;
    }

    /** Adds this instrumentation's type matchers and advice to the builder and returns the result. */
    AgentBuilder extend(AgentBuilder builder, AgentConfig config);
}
