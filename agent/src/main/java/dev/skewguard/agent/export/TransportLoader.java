package dev.skewguard.agent.export;

import dev.skewguard.agent.AgentJar;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The class loader of the sender's transport: grpc-okhttp, okio, Kotlin's runtime and {@code OkHttpChannels}, kept
 * in the agent's jar under {@code inst/} as {@code .classdata} so that neither the bootstrap class path nor the
 * application's class path sees them. grpc-okhttp asks its own loader for classes, and the bootstrap loader, which
 * loads the rest of the agent, is null. Its parent is the loader of the agent's classes, so the transport sees gRPC,
 * protobuf and the agent; it looks in {@code inst/} only for what its parent does not have. It defines grpc-okhttp's
 * channel builder as {@link PlaintextWithoutTls} rewrites it, so that a plaintext channel makes no TLS context.
 */
final class TransportLoader extends ClassLoader {
    static final String FACTORY = "dev.skewguard.agent.export.okhttp.OkHttpChannels";
    private static final String SUFFIX = ".classdata";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final String jarUrl;
    private final ProtectionDomain domain;

    TransportLoader(JarFile jar, ClassLoader parent) throws MalformedURLException {
        super("skewguard-transport", parent);
        this.jar = jar;
        URL location = new java.io.File(jar.getName()).toURI().toURL();
        this.jarUrl = "jar:" + location + "!/";
        this.domain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
    }

    /**
     * The channel factory: from {@code inst/} of the agent's jar, or, when the agent's classes do not come from such
     * a jar (unit tests), from the agent's own loader.
     */
    static ChannelFactory channelFactory() {
        ClassLoader agent = TransportLoader.class.getClassLoader();
        JarFile jar = AgentJar.get();
        try {
            ClassLoader loader = jar != null && jar.getEntry(AgentJar.HIDDEN) != null
                    ? new TransportLoader(jar, agent) : agent;
            return (ChannelFactory) Class.forName(FACTORY, true, loader).getConstructor().newInstance();
        } catch (ReflectiveOperationException | MalformedURLException | LinkageError e) {
            throw new IllegalStateException("cannot load the transport to the collector from "
                    + (jar == null ? "the agent's class path" : jar.getName()) + ": " + e, e);
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(AgentJar.HIDDEN + name.replace('.', '/') + SUFFIX);
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        if (PlaintextWithoutTls.applies(name)) {
            bytes = PlaintextWithoutTls.rewrite(bytes);
        }
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    @Override
    protected URL findResource(String name) {
        if (jar.getJarEntry(AgentJar.HIDDEN + name) == null) {
            return null;
        }
        try {
            return new URL(jarUrl + AgentJar.HIDDEN + name);
        } catch (MalformedURLException e) {
            return null;
        }
    }
}
