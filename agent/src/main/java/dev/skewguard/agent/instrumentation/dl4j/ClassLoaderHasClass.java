package dev.skewguard.agent.instrumentation.dl4j;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches class loaders that can see a class of the given name (looked up as a resource, so nothing is loaded),
 * caching the answer per loader. Keeps costly super-type matching away from loaders without the framework.
 */
final class ClassLoaderHasClass extends ElementMatcher.Junction.AbstractBase<ClassLoader> {
    private final String resource;
    private final Map<ClassLoader, Boolean> answers = new WeakHashMap<>();

    ClassLoaderHasClass(String className) {
        this.resource = className.replace('.', '/') + ".class";
    }

    @Override
    public boolean matches(ClassLoader loader) {
        if (loader == null) {
            return false;
        }
        synchronized (answers) {
            Boolean known = answers.get(loader);
            if (known != null) {
                return known;
            }
        }
        boolean has;
        try {
            has = loader.getResource(resource) != null;
        } catch (Throwable t) {
            has = false;
        }
        synchronized (answers) {
            answers.put(loader, has);
        }
        return has;
    }
}
