package dev.skewguard.agent;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.pool.TypePool;

/**
 * Keeps the type descriptions byte-buddy reads while matching (a class's super types, its interfaces) from one
 * class load to the next, per class loader. Without it every {@code hasSuperType} matcher parses the whole
 * hierarchy of each loaded class again: a framework that loads thousands of classes pays that on its training thread
 * at start. Class loaders are held weakly; a loader's cache is emptied when it exceeds {@link #MAX_TYPES_PER_LOADER}
 * descriptions, so the cache stays small whatever the application loads.
 */
final class TypePoolCache {
    static final int MAX_TYPES_PER_LOADER = 4096;

    private final Map<ClassLoader, TypePool.CacheProvider> byLoader = new WeakHashMap<>();
    private final TypePool.CacheProvider bootstrap = new Bounded();

    /** The cache of the descriptions read through {@code loader} (null: the bootstrap loader). */
    TypePool.CacheProvider locate(ClassLoader loader) {
        if (loader == null) {
            return bootstrap;
        }
        synchronized (byLoader) {
            return byLoader.computeIfAbsent(loader, l -> new Bounded());
        }
    }

    /** A loader's cache, emptied when it grows beyond {@link #MAX_TYPES_PER_LOADER} descriptions. */
    private static final class Bounded extends TypePool.CacheProvider.Simple {
        @Override
        public TypePool.Resolution register(String name, TypePool.Resolution resolution) {
            if (getStorage().size() >= MAX_TYPES_PER_LOADER) {
                clear();
            }
            return super.register(name, resolution);
        }
    }
}
