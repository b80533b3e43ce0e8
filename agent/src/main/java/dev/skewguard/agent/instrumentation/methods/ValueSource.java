package dev.skewguard.agent.instrumentation.methods;

/** Where a captured value comes from: an argument (0-based) or the return value. */
public final class ValueSource {
    public static final ValueSource RETURN = new ValueSource(-1);
    private final int argIndex;

    private ValueSource(int argIndex) {
        this.argIndex = argIndex;
    }

    public static ValueSource arg(int index) {
        return new ValueSource(index);
    }

    /** Parses {@code argN} or {@code return}. */
    public static ValueSource parse(String text) {
        String t = text.trim();
        if (t.equals("return")) {
            return RETURN;
        }
        if (t.startsWith("arg")) {
            try {
                int n = Integer.parseInt(t.substring(3));
                if (n >= 0 && n < 256) {
                    return arg(n);
                }
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not argN (N from 0) or return");
    }

    public boolean isReturn() {
        return argIndex < 0;
    }

    public int argIndex() {
        return argIndex;
    }

    /** The value at this source, given the method's arguments and its return value. */
    Object read(Object[] args, Object returned) {
        return isReturn() ? returned : args[argIndex];
    }

    @Override
    public String toString() {
        return isReturn() ? "return" : "arg" + argIndex;
    }
}
