package dev.skewguard.it.plain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.it.support.ChildResult;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The plain-Java example (examples/plain) as the tests drive it: its methods spec and its output lines. */
public final class PlainExample {
    /** Captures training batches (labels arg1, predicted ids returned) and evaluation batches (double[][] scores). */
    public static final String METHODS = "dev.skewguard.examples.plain.SoftmaxRegression#trainBatch:labels=arg1,"
            + "predictions=return;dev.skewguard.examples.plain.SoftmaxRegression#evaluateBatch:labels=arg0,"
            + "predictions=return,mode=eval";

    private static final Pattern COUNTS = Pattern.compile("^((?:\\d+=\\d+ ?)+) in (\\d+) batches$");

    private PlainExample() {
    }

    /** Per-class label counts the program printed for "train" or "eval". */
    public static Map<Integer, Long> labels(ChildResult r, String mode) {
        Matcher m = parse(r, mode);
        Map<Integer, Long> counts = new TreeMap<>();
        for (String pair : m.group(1).trim().split(" ")) {
            String[] kv = pair.split("=");
            counts.put(Integer.parseInt(kv[0]), Long.parseLong(kv[1]));
        }
        counts.values().removeIf(v -> v == 0);
        return counts;
    }

    /** How many batches the program passed to "train" or "eval". */
    public static long batches(ChildResult r, String mode) {
        return Long.parseLong(parse(r, mode).group(2));
    }

    private static Matcher parse(ChildResult r, String mode) {
        Matcher m = COUNTS.matcher(r.stdoutValue(mode + " labels: "));
        assertTrue(m.matches(), "unexpected counts line in:\n" + r.describe());
        return m;
    }
}
