package dev.skewguard.agent;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class TypePoolCacheTest {
    @Test
    void oneBoundedCachePerClassLoader() {
        TypePoolCache cache = new TypePoolCache();
        ClassLoader loader = getClass().getClassLoader();
        TypePool.CacheProvider provider = cache.locate(loader);
        assertSame(provider, cache.locate(loader));
        assertNotNull(cache.locate(null), "the bootstrap loader has one too");

        TypePool.Resolution resolution = new TypePool.Resolution.Simple(TypeDescription.ForLoadedType.of(String.class));
        provider.register("first", resolution);
        assertSame(resolution, provider.find("first"));
        for (int i = 0; i < TypePoolCache.MAX_TYPES_PER_LOADER; i++) {
            provider.register("t" + i, resolution);
        }
        assertNull(provider.find("first"), "emptied once it grew beyond its bound");
    }
}
