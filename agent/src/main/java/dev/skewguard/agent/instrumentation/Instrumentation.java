package dev.skewguard.agent.instrumentation;

import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.instrumentation.releases.SupportedReleases;
import java.util.Set;
import net.bytebuddy.dynamic.ClassFileLocator;

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

    /**
     * Option keys of this instrumentation's own settings, e.g. {@code xgboost_every}. They are read from the same
     * three sources as every other option, in the same order, and reach {@link #extend} through
     * {@link AgentConfig#instrumentationOption(String)}; the instrumentation checks their values itself. Keys no
     * instrumentation declares are refused with a warning.
     */
    default Set<String> optionKeys() {
        return Set.of();
    }

    /**
     * Adds this instrumentation's type matchers and the advice each inlines. Adding nothing (for these options)
     * leaves the instrumentation inactive.
     */
    void addRules(AdviceRules rules, AgentConfig config);

    /**
     * The releases of its framework this instrumentation supports and what its advice needs of them, or null (the
     * default) for none to check ({@code methods}). When declared, the agent checks each class loader the first time
     * one of this instrumentation's rules matches a class of it, and applies the rules there only if everything
     * needed is present; a release that does not fit, or one outside the range, is one warning line
     * ({@link dev.skewguard.agent.instrumentation.releases.ReleaseCheck}).
     */
    default SupportedReleases supportedReleases() {
        return null;
    }

    /**
     * Prefixes of the binary names of every type this instrumentation may transform, e.g. {@code "ai.djl."}. The
     * agent sets up byte-buddy (the costly part of its start) only when the application first loads a class whose
     * name starts with one of them, so a JVM that never loads the framework pays almost nothing. An empty set means
     * there is nothing to instrument. The default, the empty prefix, matches every class: byte-buddy is then set up
     * as soon as the application loads its first class. Override it: it is what keeps start-up cheap.
     *
     * <p>Types matched by their supertypes (say, implementations of a framework interface) must also start with a
     * listed prefix, or load after a class that does.
     */
    default Set<String> typeNamePrefixes(AgentConfig config) {
        return Set.of("");
    }

    /**
     * A cheap test of each class the application loads once byte-buddy is set up: false only if none of this
     * instrumentation's type matchers can match it (a type matched by {@code declaresMethod(named("evaluate"))}
     * must mention {@code "evaluate"}; one matched by name must have that name). Only classes for which some
     * instrumentation says true are described and matched by byte-buddy, which keeps the cost of every other class
     * load (and the JIT work of byte-buddy's matching) off the application. The default, true, lets byte-buddy look at
     * every class.
     */
    default boolean mayTransform(LoadingClass type) {
        return true;
    }

    /**
     * Whether this instrumentation captures batches itself. Spark's does not (it names the job and turns a Stop into
     * the end of the Spark job; XGBoost4J's captures the rounds): the exit report then gives it no batch count.
     */
    default boolean capturesBatches() {
        return true;
    }

    /**
     * Lines the agent prints as warnings at JVM exit about what this instrumentation was asked to match and did not
     * (a {@code methods} spec whose class never loaded, say). Called once, from the exit report; never throws.
     */
    default java.util.List<String> exitWarnings() {
        return java.util.List.of();
    }

    /**
     * The class files of the agent's own classes (advice, helpers), read from the loader that defined them; from the
     * agent's jar that is the bootstrap loader, whose resources the system loader reaches.
     */
    static ClassFileLocator agentClassFiles() {
        ClassLoader own = Instrumentation.class.getClassLoader();
        return own != null ? ClassFileLocator.ForClassLoader.of(own) : ClassFileLocator.ForClassLoader.ofSystemLoader();
    }
}
