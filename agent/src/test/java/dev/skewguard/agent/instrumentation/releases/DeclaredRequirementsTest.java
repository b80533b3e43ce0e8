package dev.skewguard.agent.instrumentation.releases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.agent.instrumentation.Instrumentation;
import dev.skewguard.agent.instrumentation.Instrumentations;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

/**
 * Every framework method or field the compiled advice and helpers of an instrumentation call is among the members its
 * {@link SupportedReleases} declares, so the release check cannot pass a release on which the advice would fail.
 * Read from the agent's own class files with ASM (byte-buddy's copy), as OpenTelemetry's muzzle collects references.
 */
class DeclaredRequirementsTest {
    /** The framework packages each instrumentation's code may name. */
    private static final Map<String, List<String>> FRAMEWORK_PACKAGES = Map.of(
            "djl", List.of("ai/djl/"),
            "dl4j", List.of("org/deeplearning4j/", "org/nd4j/"),
            "xgboost", List.of("ml/dmlc/"),
            "tensorflow", List.of("org/tensorflow/"),
            "spark", List.of("ml/dmlc/", "org/apache/spark/"));

    @Test
    void everyFrameworkMemberTheAgentCallsIsDeclared() throws Exception {
        List<Instrumentation> declaring = new ArrayList<>();
        for (Instrumentation instrumentation : Instrumentations.load(getClass().getClassLoader())) {
            if (instrumentation.supportedReleases() != null) {
                declaring.add(instrumentation);
            }
        }
        assertEquals(FRAMEWORK_PACKAGES.keySet(), new TreeSet<>(declaring.stream().map(Instrumentation::name).toList()),
                "the instrumentations that declare releases");
        List<String> undeclared = new ArrayList<>();
        for (Instrumentation instrumentation : declaring) {
            Set<String> declared = new TreeSet<>();
            for (Requirement requirement : instrumentation.supportedReleases().requirements()) {
                declared.add(key(requirement.type(), requirement.member(), requirement.parameters()));
            }
            Set<String> referenced = references(instrumentation, FRAMEWORK_PACKAGES.get(instrumentation.name()));
            assertTrue(!referenced.isEmpty() || instrumentation.name().equals("spark"),
                    instrumentation.name() + ": no reference found; is the package read?");
            for (String reference : referenced) {
                if (!declared.contains(reference)) {
                    undeclared.add(instrumentation.name() + ": " + reference);
                }
            }
        }
        assertEquals(List.of(), undeclared,
                "framework members the agent's code calls but no SupportedReleases declares");
    }

    private static String key(String type, String member, List<String> parameters) {
        return type + "#" + member + (parameters == null ? "" : parameters.toString());
    }

    /** The framework methods and fields the class files of the instrumentation's package call. */
    private static Set<String> references(Instrumentation instrumentation, List<String> prefixes)
            throws IOException, URISyntaxException {
        Path dir = Path.of(instrumentation.getClass().getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(instrumentation.getClass().getPackageName().replace('.', '/'));
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    new ClassReader(in).accept(new ReferenceCollector(prefixes, found), ClassReader.SKIP_FRAMES);
                }
            }
        }
        return found;
    }

    /** Collects the method calls and field reads whose owner is in one of the framework packages. */
    private static final class ReferenceCollector extends ClassVisitor {
        private final List<String> prefixes;
        private final Set<String> found;

        ReferenceCollector(List<String> prefixes, Set<String> found) {
            super(Opcodes.ASM9);
            this.prefixes = prefixes;
            this.found = found;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                    if (isFramework(owner)) {
                        found.add(key(Type.getObjectType(owner).getClassName(), method, Arrays.stream(
                                Type.getArgumentTypes(desc)).map(Type::getClassName).toList()));
                    }
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                    if (isFramework(owner)) {
                        found.add(key(Type.getObjectType(owner).getClassName(), field, null));
                    }
                }
            };
        }

        private boolean isFramework(String owner) {
            for (String prefix : prefixes) {
                if (owner.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }
}
