package dev.skewguard.agent.instrumentation.methods;

import dev.skewguard.agent.ConsoleText;
import dev.skewguard.agent.capture.CaptureMode;

/** One entry of the {@code methods} option: which method, where its labels and predictions are, which mode. */
public final class MethodSpec {
    private final String className;
    private final String methodName;
    private final int arity;
    private final ValueSource labels;
    private final ValueSource predictions;
    private final ValueSource step;
    private final CaptureMode mode;
    private final String text;

    MethodSpec(String className, String methodName, int arity, ValueSource labels, ValueSource predictions,
               ValueSource step, CaptureMode mode, String text) {
        this.className = className;
        this.methodName = methodName;
        this.arity = arity;
        this.labels = labels;
        this.predictions = predictions;
        this.step = step;
        this.mode = mode;
        this.text = printable(text);
    }

    public String className() { return className; }
    public String methodName() { return methodName; }
    /** The number of parameters the method must have, or -1 for any (enough for the argN used). */
    public int arity() { return arity; }
    public ValueSource labels() { return labels; }
    /** Where the predictions are, or null (labels only). */
    public ValueSource predictions() { return predictions; }
    /** Where the step number is, or null (the agent counts calls). */
    public ValueSource step() { return step; }
    public CaptureMode mode() { return mode; }

    /** Whether any value is read from the return value. */
    public boolean usesReturn() {
        return labels.isReturn() || (predictions != null && predictions.isReturn()) || (step != null && step.isReturn());
    }

    /** The smallest parameter count the method must have for every argN used. */
    public int minimumArity() {
        int n = 0;
        for (ValueSource s : new ValueSource[] {labels, predictions, step}) {
            if (s != null && !s.isReturn()) {
                n = Math.max(n, s.argIndex() + 1);
            }
        }
        return n;
    }

    /** The spec as the user wrote it (class#method:params), for log lines. */
    public String text() {
        return text;
    }

    /** A user's text for a log line: cut to 200 characters, control characters escaped ({@link ConsoleText}). */
    static String printable(String text) {
        return text.length() > 200 ? ConsoleText.escape(text.substring(0, 200)) + "..." : ConsoleText.escape(text);
    }

    @Override
    public String toString() {
        return className + "#" + methodName + (arity >= 0 ? "(" + arity + ")" : "");
    }
}
