package dev.skewguard.agent.instrumentation.djl;

import dev.skewguard.agent.capture.Capture;
import java.security.ProtectionDomain;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Defines the helpers that name DJL types ({@link DjlCapture}, {@link DjlCaptureListener}) in the class loader
 * that loads DJL, before advice inlined there first runs. When DJL sits in the agent's own loader (the usual
 * {@code java -cp} case) the helpers are already visible from the agent jar and nothing is injected.
 */
final class DjlHelperInjector implements AgentBuilder.Transformer {
    static final String[] HELPERS = {
        DjlInstrumentation.PACKAGE + ".DjlCapture",
        DjlInstrumentation.PACKAGE + ".DjlCaptureListener",
    };

    private final Map<ClassLoader, Boolean> injected = new WeakHashMap<>();

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                            ClassLoader loader, JavaModule module, ProtectionDomain domain) {
        ClassLoader agentLoader = Capture.class.getClassLoader();
        if (loader == null || loader == agentLoader) {
            return builder;
        }
        synchronized (injected) {
            if (injected.containsKey(loader)) {
                return builder;
            }
            injected.put(loader, Boolean.TRUE);
        }
        try {
            ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(DjlHelperInjector.class.getClassLoader());
            TypePool pool = TypePool.Default.of(locator);
            Map<TypeDescription, byte[]> helpers = new LinkedHashMap<>();
            for (String name : HELPERS) {
                helpers.put(pool.describe(name).resolve(), locator.locate(name).resolve());
            }
            ClassInjector injector = ClassInjector.UsingReflection.isAvailable()
                    ? new ClassInjector.UsingReflection(loader)
                    : new ClassInjector.UsingUnsafe(loader);
            injector.inject(helpers);
        } catch (Throwable t) {
            Capture.adviceError(DjlCapture.FRAMEWORK, t);
        }
        return builder;
    }
}
