package dev.skewguard.agent;

import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.skewguard.agent.instrumentation.AdviceRules;
import dev.skewguard.agent.instrumentation.AgentIgnores;
import dev.skewguard.agent.instrumentation.Instrumentation;
import dev.skewguard.agent.instrumentation.releases.ReleaseGate;
import dev.skewguard.agent.report.MatchedTypes;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.AsmClassReader;
import net.bytebuddy.utility.AsmClassWriter;

/**
 * The agent's class-file transformer: describes a loading class from its bytes (byte-buddy's {@link TypePool}, never
 * by loading anything), and if some {@linkplain AdviceRules rule} matches it, inlines the rules' {@link Advice} into
 * the methods they name, over ASM, as byte-buddy's AgentBuilder does when it decorates a type; the class gets no new
 * member. It needs none of the AgentBuilder's own machinery, which is most of what setting byte-buddy up cost the
 * training thread. A class it cannot instrument stays as it was (the first one is one warning line); it never
 * throws, and it never transforms on a thread that is already transforming.
 */
final class AdviceTransformer implements ClassFileTransformer {
    private final List<AdviceRules.TypeRule> rules;
    private final MatchedTypes matched;
    private final AgentIgnores ignores = new AgentIgnores();
    private final TypePoolCache pools = new TypePoolCache();
    private final ClassFileLocator agentClassFiles = Instrumentation.agentClassFiles();
    private final ThreadLocal<Boolean> transforming = new ThreadLocal<>();
    private final AtomicBoolean warned = new AtomicBoolean();

    AdviceTransformer(List<AdviceRules.TypeRule> rules, MatchedTypes matched) {
        this.rules = rules;
        this.matched = matched;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        if (internalName == null || loader == null || transforming.get() != null) {
            return null;
        }
        String name = internalName.replace('/', '.');
        transforming.set(Boolean.TRUE);
        try {
            if (ignores.ignores(name, loader)) {
                return null;
            }
            byte[] transformed = transform(loader, name, classFile);
            if (transformed != null) {
                matched.instrumented(name);
                AgentLog.debug("instrumented " + name + (classBeingRedefined != null ? " (retransformed)" : ""));
            }
            return transformed;
        } catch (Throwable t) {
            if (warned.compareAndSet(false, true)) {
                AgentLog.warn("could not instrument " + name + " (" + AgentLog.describe(t) + "); it runs unchanged");
            }
            return null;
        } finally {
            transforming.remove();
        }
    }

    /** Whether a rule matches the class {@code type} of {@code loader}, described through that loader. */
    boolean matches(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null || ignores.ignores(type.getName(), loader)) {
            return false;
        }
        TypeDescription description = new TypePool.Default.WithLazyResolution(pools.locate(loader),
                ClassFileLocator.ForClassLoader.of(loader), TypePool.Default.ReaderMode.FAST)
                .describe(type.getName()).resolve();
        for (AdviceRules.TypeRule rule : rules) {
            if (rule.matches(description, loader)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts, on a short-lived daemon thread, the release checks of the rules' {@link ReleaseGate}s for
     * {@code loader} (the loader of the class that set the agent up, usually the framework's), so that the class a
     * rule matches later finds the verdict made instead of reading class files on the application's thread.
     */
    void checkReleasesAhead(ClassLoader loader) {
        Set<ReleaseGate> gates = new LinkedHashSet<>();
        for (AdviceRules.TypeRule rule : rules) {
            if (rule.restriction() instanceof ReleaseGate gate) {
                gates.add(gate);
            }
        }
        if (loader == null || gates.isEmpty()) {
            return;
        }
        try {
            Thread thread = new Thread(new ReleaseChecks(gates, loader), "skewguard-release-check");
            thread.setDaemon(true);
            thread.start();
        } catch (Throwable t) {
            // the first matching class of each framework checks its release instead
        }
    }

    /** Checks the gates for one loader (a class, not a lambda: it is made on the thread that set the agent up). */
    private static final class ReleaseChecks implements Runnable {
        private final Set<ReleaseGate> gates;
        private final ClassLoader loader;

        ReleaseChecks(Set<ReleaseGate> gates, ClassLoader loader) {
            this.gates = gates;
            this.loader = loader;
        }

        @Override
        public void run() {
            for (ReleaseGate gate : gates) {
                gate.checkAhead(loader);
            }
        }
    }

    /**
     * Inlines {@code warmUpRules}' advice into the agent's own class {@code name} and drops the result: loads and
     * runs the advice machinery once, off the application's threads ({@link AdviceWarmUp}). Never throws.
     *
     * @return whether the advice was inlined
     */
    boolean warmUp(List<AdviceRules.TypeRule> warmUpRules, String name) {
        try {
            byte[] classFile = agentClassFiles.locate(name).resolve();
            return apply(warmUpRules, null, agentClassFiles, new TypePool.CacheProvider.Simple(), name,
                    classFile) != null;
        } catch (Throwable t) {
            return false; // the first framework class pays for it instead
        }
    }

    /** The class with the advice of every rule that matches it inlined, or null if none matches. */
    private byte[] transform(ClassLoader loader, String name, byte[] classFile) {
        return apply(rules, loader, ClassFileLocator.ForClassLoader.of(loader), pools.locate(loader), name, classFile);
    }

    /**
     * {@code classFile} with the advice of every one of {@code typeRules} that matches it inlined, or null if none
     * matches; the class's other types are read through {@code loaderFiles} and kept in {@code cache}.
     */
    private byte[] apply(List<AdviceRules.TypeRule> typeRules, ClassLoader loader, ClassFileLocator loaderFiles,
                         TypePool.CacheProvider cache, String name, byte[] classFile) {
        // The loading class is read from the bytes at hand (which a retransformation may not find through its
        // loader), and not kept in the loader's cache.
        TypePool typePool = new TypePool.Default.WithLazyResolution(
                new TypePool.CacheProvider.Discriminating(is(name), new TypePool.CacheProvider.Simple(), cache),
                new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile), loaderFiles),
                TypePool.Default.ReaderMode.FAST);
        TypeDescription type = typePool.describe(name).resolve();
        AsmVisitorWrapper.ForDeclaredMethods methods = null;
        ClassFileLocator adviceFiles = null;
        TypePool advicePool = null;
        for (AdviceRules.TypeRule rule : typeRules) {
            if (!rule.matches(type, loader)) {
                continue;
            }
            rule.matched(type);
            if (methods == null) {
                methods = new AsmVisitorWrapper.ForDeclaredMethods();
            }
            for (AdviceRules.MethodAdvice entry : rule.advice()) {
                Advice advice = entry.resolved();
                if (advice == null) {
                    if (advicePool == null) {
                        // Advice is read from the agent's jar and resolved with the class's own loader (it may name
                        // framework types only that loader knows).
                        adviceFiles = new ClassFileLocator.Compound(agentClassFiles, loaderFiles);
                        advicePool = new TypePool.Default.WithLazyResolution(cache, adviceFiles,
                                TypePool.Default.ReaderMode.FAST);
                    }
                    advice = Advice.to(advicePool.describe(entry.adviceClass()).resolve(), adviceFiles);
                }
                methods = methods.invokable(entry.methods(), advice);
            }
        }
        return methods == null ? null : inline(type, typePool, classFile, methods);
    }

    /** Rewrites the class file through {@code wrapper}: its methods change, its members and attributes do not. */
    private static byte[] inline(TypeDescription type, TypePool typePool, byte[] classFile, AsmVisitorWrapper wrapper) {
        int writerFlags = wrapper.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
        int readerFlags = wrapper.mergeReader(AsmVisitorWrapper.NO_FLAGS);
        AsmClassReader reader = AsmClassReader.Factory.Default.IMPLICIT.make(classFile);
        AsmClassWriter writer = AsmClassWriter.Factory.Default.IMPLICIT.make(writerFlags, reader, typePool);
        ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
        Implementation.Context.ExtractableView context = Implementation.Context.Disabled.Factory.INSTANCE.make(type,
                null, TypeInitializer.None.INSTANCE, version, version);
        // As byte-buddy decorates a type: synthetic methods (bridges, lambda bodies) get no advice.
        reader.accept(wrapper.wrap(type, writer.getVisitor(), context, typePool, type.getDeclaredFields(),
                type.getDeclaredMethods().filter(not(isSynthetic())), writerFlags, readerFlags), readerFlags);
        return writer.getBinaryRepresentation();
    }
}
