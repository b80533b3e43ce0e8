package dev.skewguard.agent.export;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Keeps a plaintext channel from making the JDK's default TLS context. grpc-okhttp's channel builder asks, in its
 * constructor, whether it runs on Android ({@code OkHttpChannelBuilder.initialConnectionSpec()} asks
 * {@code OkHttpProtocolNegotiator.get()}), and the first answer initialises its {@code Platform}, which makes the
 * JDK's default TLS context: it parses the JDK's trust store, 110-230 ms of CPU on a 2-core machine, for a channel
 * that never uses TLS. The agent never runs on Android, where the answer selects grpc-okhttp's modern cipher suites;
 * everywhere else it selects {@code INTERNAL_LEGACY_CONNECTION_SPEC}. So, as the transport's loader defines the
 * builder, {@code initialConnectionSpec()} becomes "return INTERNAL_LEGACY_CONNECTION_SPEC", what it returns on every
 * JVM. A TLS channel still makes its context, when it needs one (the builder's socket factory). Only that one method
 * of that one class changes; anything else, or a class file of another shape, is returned as it was.
 */
final class PlaintextWithoutTls {
    /** The builder's binary name, before relocation. */
    static final String BUILDER = "io.grpc.okhttp.OkHttpChannelBuilder";
    private static final String METHOD = "initialConnectionSpec";
    private static final String FIELD = "INTERNAL_LEGACY_CONNECTION_SPEC";

    private PlaintextWithoutTls() {
    }

    /** Whether {@code className} (relocated or not) is the class {@link #rewrite} changes. */
    static boolean applies(String className) {
        return className.equals(BUILDER) || className.endsWith("." + BUILDER);
    }

    /**
     * The builder's class file with {@code initialConnectionSpec()} returning the legacy spec without asking the
     * protocol negotiator; the bytes as given if the class has no such method and field (another grpc-okhttp).
     */
    static byte[] rewrite(byte[] classFile) {
        try {
            ClassReader reader = new ClassReader(classFile);
            String owner = reader.getClassName();
            String specType = "L" + owner.substring(0, owner.lastIndexOf('/') + 1) + "internal/ConnectionSpec;";
            ClassWriter writer = new ClassWriter(reader, 0);
            boolean[] found = new boolean[2];
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                               Object value) {
                    if (name.equals(FIELD) && descriptor.equals(specType) && (access & Opcodes.ACC_STATIC) != 0) {
                        found[0] = true;
                    }
                    return super.visitField(access, name, descriptor, signature, value);
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
                    if (!name.equals(METHOD) || !descriptor.equals("()" + specType)
                            || (access & Opcodes.ACC_STATIC) == 0) {
                        return visitor;
                    }
                    found[1] = true;
                    // The new body; the old one is not passed on (a null visitor drops it).
                    visitor.visitCode();
                    visitor.visitFieldInsn(Opcodes.GETSTATIC, owner, FIELD, specType);
                    visitor.visitInsn(Opcodes.ARETURN);
                    visitor.visitMaxs(1, 0);
                    visitor.visitEnd();
                    return null;
                }
            }, 0);
            return found[0] && found[1] ? writer.toByteArray() : classFile;
        } catch (RuntimeException e) {
            return classFile; // a class file this rewrite does not understand: the stock builder, TLS context and all
        }
    }
}
