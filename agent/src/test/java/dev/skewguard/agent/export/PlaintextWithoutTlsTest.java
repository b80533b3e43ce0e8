package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;

class PlaintextWithoutTlsTest {

    @Test
    void appliesToTheBuilderOnlyRelocatedOrNot() {
        assertTrue(PlaintextWithoutTls.applies("io.grpc.okhttp.OkHttpChannelBuilder"));
        assertTrue(PlaintextWithoutTls.applies("dev.skewguard.agent.shaded.io.grpc.okhttp.OkHttpChannelBuilder"));
        assertFalse(PlaintextWithoutTls.applies("io.grpc.okhttp.OkHttpChannelBuilder$1"));
        assertFalse(PlaintextWithoutTls.applies("xio.grpc.okhttp.OkHttpChannelBuilder"));
        assertFalse(PlaintextWithoutTls.applies("io.grpc.okhttp.OkHttpServerBuilder"));
    }

    /**
     * The rewritten builder, defined in a loader of its own with the rest of grpc-okhttp, answers what the stock one
     * answers off Android, and a plaintext channel built from it never loads grpc-okhttp's Platform (which makes
     * the JDK's default TLS context).
     */
    @Test
    void aPlaintextChannelFromTheRewrittenBuilderNeverLoadsThePlatform() throws Throwable {
        OkHttpFirst loader = new OkHttpFirst(getClass().getClassLoader(), true);
        Class<?> builder = Class.forName(PlaintextWithoutTls.BUILDER, true, loader);
        // Method handles, not reflection: reflection resolves every signature's types, and the builder names
        // OkHttp 2's ConnectionSpec, which is not on the class path.
        MethodHandles.Lookup inBuilder = MethodHandles.privateLookupIn(builder, MethodHandles.lookup());
        Class<?> spec = Class.forName("io.grpc.okhttp.internal.ConnectionSpec", true, loader);
        Object initial = inBuilder.findStatic(builder, "initialConnectionSpec", MethodType.methodType(spec)).invoke();
        Object legacy = inBuilder.findStaticGetter(builder, "INTERNAL_LEGACY_CONNECTION_SPEC", spec).invoke();
        assertSame(legacy, initial);

        shutdownNow(loader, plaintextChannel(loader, builder));
        assertFalse(loader.loaded("io.grpc.okhttp.internal.Platform"),
                "a plaintext channel loaded grpc-okhttp's Platform");
        assertTrue(loader.loaded("io.grpc.okhttp.OkHttpClientTransportFactory")
                || loader.loaded("io.grpc.okhttp.OkHttpChannelBuilder$OkHttpTransportFactory"),
                "the channel was not built from this loader's grpc-okhttp");
    }

    /** The control: the stock builder, in the same kind of loader, does load the Platform for a plaintext channel. */
    @Test
    void theStockBuilderLoadsThePlatformForAPlaintextChannel() throws Throwable {
        OkHttpFirst loader = new OkHttpFirst(getClass().getClassLoader(), false);
        Class<?> builder = Class.forName(PlaintextWithoutTls.BUILDER, true, loader);
        shutdownNow(loader, plaintextChannel(loader, builder));
        assertTrue(loader.loaded("io.grpc.okhttp.internal.Platform"));
    }

    private static void shutdownNow(ClassLoader loader, Object channel) throws Throwable {
        Class<?> managed = Class.forName("io.grpc.ManagedChannel", true, loader);
        MethodHandles.publicLookup().findVirtual(managed, "shutdownNow", MethodType.methodType(managed))
                .invoke(channel);
    }

    /** {@code OkHttpChannelBuilder.forTarget("127.0.0.1:1", InsecureChannelCredentials.create()).build()}. */
    private static Object plaintextChannel(ClassLoader loader, Class<?> builder) throws Throwable {
        Class<?> credentials = Class.forName("io.grpc.ChannelCredentials", true, loader);
        Object insecure = MethodHandles.publicLookup().findStatic(
                Class.forName("io.grpc.InsecureChannelCredentials", true, loader), "create",
                MethodType.methodType(credentials)).invoke();
        Object channelBuilder = MethodHandles.publicLookup().findStatic(builder, "forTarget",
                MethodType.methodType(builder, String.class, credentials)).invoke("127.0.0.1:1", insecure);
        Class<?> managed = Class.forName("io.grpc.ManagedChannel", true, loader);
        return MethodHandles.publicLookup().findVirtual(builder, "build", MethodType.methodType(managed))
                .invoke(channelBuilder);
    }

    @Test
    void aClassWithoutTheMethodIsReturnedAsItWas() throws IOException {
        byte[] other = classFile("io.grpc.okhttp.OkHttpServerBuilder");
        assertArrayEquals(other, PlaintextWithoutTls.rewrite(other));
        byte[] garbage = {1, 2, 3};
        assertArrayEquals(garbage, PlaintextWithoutTls.rewrite(garbage));
    }

    @Test
    void onlyTheOneMethodChanges() throws IOException {
        byte[] stock = classFile(PlaintextWithoutTls.BUILDER);
        byte[] rewritten = PlaintextWithoutTls.rewrite(stock);
        assertNotNull(rewritten);
        assertTrue(rewritten.length < stock.length, "the method's old body is still there");
        assertTrue(stock.length - rewritten.length < 64, "more than the one method changed: "
                + stock.length + " -> " + rewritten.length + " bytes");
        assertEquals(0xCAFEBABE, ((rewritten[0] & 0xff) << 24) | ((rewritten[1] & 0xff) << 16)
                | ((rewritten[2] & 0xff) << 8) | (rewritten[3] & 0xff));
    }

    static byte[] classFile(String name) throws IOException {
        try (InputStream in = PlaintextWithoutTlsTest.class.getClassLoader()
                .getResourceAsStream(name.replace('.', '/') + ".class")) {
            assertNotNull(in, name + " is not on the test class path");
            return in.readAllBytes();
        }
    }

    /** Defines gRPC's classes itself (child first), rewriting the builder if told to; the rest from its parent. */
    private static final class OkHttpFirst extends ClassLoader {
        private final boolean rewrite;

        OkHttpFirst(ClassLoader parent, boolean rewrite) {
            super(parent);
            this.rewrite = rewrite;
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.grpc.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] bytes;
                    try {
                        bytes = classFile(name);
                    } catch (IOException | AssertionError e) {
                        throw new ClassNotFoundException(name);
                    }
                    if (rewrite && PlaintextWithoutTls.applies(name)) {
                        bytes = PlaintextWithoutTls.rewrite(bytes);
                    }
                    c = defineClass(name, bytes, 0, bytes.length);
                }
                return c;
            }
        }
    }
}
