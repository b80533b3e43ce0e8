package dev.skewguard.agent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class LoadingClassTest {
    /** A class whose class file names a method "evaluate" and the type java/util/function/Consumer. */
    static final class Sample implements java.util.function.Consumer<String> {
        int evaluate(int x) {
            return x + 1;
        }

        @Override
        public void accept(String s) {
        }
    }

    static byte[] classFile(Class<?> type) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    @Test
    void findsTheNamesAClassDeclaresAndRefersTo() throws IOException {
        LoadingClass sample = new LoadingClass("dev/skewguard/agent/instrumentation/LoadingClassTest$Sample",
                classFile(Sample.class));
        assertTrue(sample.mentions("evaluate"));
        assertTrue(sample.mentions("java/util/function/Consumer"));
        assertFalse(sample.mentions("computeScore"));
        assertFalse(sample.mentions("evaluatE"));
    }

    @Test
    void namesAreInternalNames() {
        LoadingClass type = new LoadingClass("ai/djl/training/Trainer", new byte[0]);
        assertTrue(type.isNamed("ai/djl/training/Trainer"));
        assertFalse(type.isNamed("ai.djl.training.Trainer"));
        assertTrue(type.nameStartsWith("ai/djl/"));
        assertFalse(type.mentions("x"), "an empty class file mentions nothing");
    }
}
