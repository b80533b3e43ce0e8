package dev.skewguard.agent;

import dev.skewguard.agent.instrumentation.Instrumentation;
import dev.skewguard.agent.instrumentation.LoadingClass;
import dev.skewguard.agent.report.StartupCost;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A plain JDK class-file transformer in front of the agent's {@link AdviceTransformer}. Until the application loads a
 * class whose name starts with one of the instrumentations' prefixes it only tests names; then it sets up the
 * instrumentations' advice rules and their transformer (not registered with the JVM itself) and from then on hands it
 * only the classes some instrumentation {@linkplain Instrumentation#mayTransform may transform}: the thousands of
 * other classes a framework loads are never described or matched. If the class that set it up is not one of those, the advice machinery warms up
 * on a thread of its own ({@code warmUp}) while the application goes on to the classes that are; if it is, the
 * loading thread instruments it at once and warms the machinery up itself, and a second thread doing the same work
 * would only take a core from the sender's warm-up. Never throws: a failed setup is one line and the application
 * runs unchanged.
 */
final class LazyInstaller implements ClassFileTransformer {
    private static final String AGENT_PACKAGE = "dev/skewguard/agent/";
    private final String[] internalPrefixes;
    private final List<Instrumentation> instrumentations;
    private final java.lang.instrument.Instrumentation inst;
    private final Supplier<ClassFileTransformer> install;
    private final StartupCost cost;
    private final Consumer<ClassFileTransformer> warmUp;
    /** The class whose loading set the transformer up, until its own test has decided on the warm-up. */
    private final AtomicReference<String> trigger = new AtomicReference<>();
    private volatile boolean done;
    private volatile ClassFileTransformer delegate;

    /**
     * @param prefixes         binary-name prefixes (dots)
     * @param instrumentations the enabled instrumentations, asked which classes they may transform
     * @param install          sets up the advice rules and returns their (unregistered) transformer, or null on failure
     * @param cost             told how long the set-up, each test and each class handed to the transformer took
     * @param warmUp           given the set-up transformer when the class that set it up is not handed to it
     */
    LazyInstaller(java.util.Collection<String> prefixes, List<Instrumentation> instrumentations,
                  java.lang.instrument.Instrumentation inst, Supplier<ClassFileTransformer> install,
                  StartupCost cost, Consumer<ClassFileTransformer> warmUp) {
        // Plain loops, no lambdas or streams: this runs in premain, where every bootstrap costs start-up time.
        this.internalPrefixes = new String[prefixes.size()];
        int i = 0;
        for (String prefix : prefixes) {
            internalPrefixes[i++] = prefix.replace('.', '/');
        }
        this.instrumentations = instrumentations;
        this.inst = inst;
        this.install = install;
        this.cost = cost;
        this.warmUp = warmUp;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null || loader == null || className.startsWith(AGENT_PACKAGE)) {
            return null; // the agent's own classes, and the JDK's (bootstrap): never instrumented
        }
        ClassFileTransformer real;
        if (done) {
            real = delegate;
        } else {
            if (!matches(className)) {
                return null;
            }
            real = setUp(className, loader);
        }
        if (real == null) {
            return null;
        }
        long start = System.nanoTime();
        try {
            if (classBeingRedefined == null && !mayTransform(className, classfileBuffer)) {
                cost.tested(System.nanoTime() - start);
                if (trigger.get() != null && trigger.compareAndSet(className, null)) {
                    warmUp.accept(real);
                }
                return null;
            }
            trigger.compareAndSet(className, null); // handed: this thread warms the machinery up now
            byte[] transformed = real.transform(module, loader, className, classBeingRedefined, protectionDomain,
                    classfileBuffer);
            cost.handed(System.nanoTime() - start, transformed != null);
            return transformed;
        } catch (Throwable t) {
            return null;
        }
    }

    private synchronized ClassFileTransformer setUp(String className, ClassLoader loader) {
        if (!done) {
            long t0 = System.nanoTime();
            try {
                delegate = install.get();
                if (delegate instanceof AdviceTransformer transformer) {
                    transformer.checkReleasesAhead(loader);
                }
                trigger.set(className);
                long took = System.nanoTime() - t0;
                cost.setUp(took);
                AgentLog.debug("instrumentation set up in " + took / 1_000_000
                        + " ms, on the loading of a matching class");
            } catch (Throwable t) {
                AgentLog.warn("instrumentation setup failed (" + AgentLog.describe(t)
                        + "); the application runs without it");
            }
            done = true;
            if (delegate == null) {
                try {
                    inst.removeTransformer(this);
                } catch (Throwable ignored) {
                    // stays registered as a no-op
                }
            }
        }
        return delegate;
    }

    private boolean mayTransform(String className, byte[] classFile) {
        LoadingClass type = new LoadingClass(className, classFile);
        for (Instrumentation instrumentation : instrumentations) {
            try {
                if (instrumentation.mayTransform(type)) {
                    return true;
                }
            } catch (Throwable t) {
                return true; // when in doubt, let the transformer decide
            }
        }
        return false;
    }

    private boolean matches(String className) {
        for (String prefix : internalPrefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
