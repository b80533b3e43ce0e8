package dev.skewguard.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.function.Supplier;

/**
 * A plain JDK class-file transformer that only looks at class names: the first time the application loads a class
 * whose name starts with one of the instrumentations' prefixes, it sets up byte-buddy (installs the real
 * transformer), hands that first class to it, and steps aside. Until then the agent costs one prefix test per
 * loaded class. Never throws: a failed setup is one line and the application runs unchanged.
 */
final class LazyInstaller implements ClassFileTransformer {
    private static final String AGENT_PACKAGE = "dev/skewguard/agent/";
    private final String[] internalPrefixes;
    private final Instrumentation inst;
    private final Supplier<ClassFileTransformer> install;
    private volatile boolean done;
    private volatile ClassFileTransformer delegate;

    /**
     * @param prefixes binary-name prefixes (dots)
     * @param install  sets up byte-buddy on the instrumentation and returns its transformer, or null on failure
     */
    LazyInstaller(java.util.Collection<String> prefixes, Instrumentation inst, Supplier<ClassFileTransformer> install) {
        // Plain loops, no lambdas or streams: this runs in premain, where every bootstrap costs start-up time.
        this.internalPrefixes = new String[prefixes.size()];
        int i = 0;
        for (String prefix : prefixes) {
            internalPrefixes[i++] = prefix.replace('.', '/');
        }
        this.inst = inst;
        this.install = install;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (done || className == null || className.startsWith(AGENT_PACKAGE) || !matches(className)) {
            return null;
        }
        ClassFileTransformer real;
        synchronized (this) {
            if (!done) {
                try {
                    delegate = install.get();
                } catch (Throwable t) {
                    AgentLog.warn("instrumentation setup failed (" + AgentLog.describe(t)
                            + "); the application runs without it");
                }
                done = true;
                try {
                    inst.removeTransformer(this);
                } catch (Throwable ignored) {
                    // stays registered as a no-op
                }
            }
            real = delegate;
        }
        if (real == null) {
            return null;
        }
        // The real transformer was registered while this class was already being loaded: give it this class.
        try {
            return real.transform(module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
        } catch (Throwable t) {
            return null;
        }
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
