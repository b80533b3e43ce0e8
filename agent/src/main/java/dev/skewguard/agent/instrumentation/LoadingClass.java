package dev.skewguard.agent.instrumentation;

/**
 * A class about to be defined, as the JVM hands it to the agent: its internal name ({@code ai/djl/training/Trainer})
 * and its class file. Cheap tests only, for {@link Instrumentation#mayTransform}: no parsing, no allocation.
 */
public final class LoadingClass {
    private final String internalName;
    private final byte[] classFile;

    public LoadingClass(String internalName, byte[] classFile) {
        this.internalName = internalName;
        this.classFile = classFile;
    }

    /** Whether this is the class of that internal name ({@code a/b/C}). */
    public boolean isNamed(String internalName) {
        return this.internalName.equals(internalName);
    }

    /** Whether the internal name starts with {@code prefix} ({@code a/b/}). */
    public boolean nameStartsWith(String prefix) {
        return internalName.startsWith(prefix);
    }

    /**
     * Whether the class file contains these ASCII characters. Every name a class declares or refers to (its methods,
     * its super types, the types in its signatures) is in its constant pool as such a string, so a class without
     * {@code "evaluate"} in its bytes declares no method named evaluate.
     */
    public boolean mentions(String ascii) {
        int n = ascii.length();
        if (n == 0) {
            return true;
        }
        byte first = (byte) ascii.charAt(0);
        int last = classFile.length - n;
        outer:
        for (int i = 0; i <= last; i++) {
            if (classFile[i] != first) {
                continue;
            }
            for (int j = 1; j < n; j++) {
                if (classFile[i + j] != (byte) ascii.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
