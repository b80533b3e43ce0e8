package dev.skewguard.agent.instrumentation.methods;

import dev.skewguard.agent.capture.CaptureMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses the {@code methods} option:
 * <pre>
 * methods := spec (';' spec)*
 * spec    := class '#' method ['(' parameterCount ')'] ':' param (',' param)*
 * param   := 'labels=' source | 'predictions=' source | 'mode=' (train|eval|predict) | 'step=' source
 * source  := 'arg'N (N counts from 0) | 'return'
 * </pre>
 * for example {@code com.acme.Trainer#step:labels=arg0,predictions=return;com.acme.Eval#score:labels=arg1,
 * predictions=arg2,mode=eval}. {@code labels} is required; mode defaults to train. A bad entry is reported to the
 * warning sink (one line: what is wrong and what to write) and skipped; the others still apply.
 */
public final class MethodSpecParser {
    private MethodSpecParser() {
    }

    public static List<MethodSpec> parse(String option, Consumer<String> warnings) {
        List<MethodSpec> specs = new ArrayList<>();
        if (option == null || option.isBlank()) {
            return specs;
        }
        for (String entry : option.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                specs.add(parseOne(entry.trim()));
            } catch (IllegalArgumentException e) {
                warnings.accept("methods spec '" + MethodSpec.printable(entry.trim()) + "' ignored: " + e.getMessage());
            }
        }
        return specs;
    }

    static MethodSpec parseOne(String entry) {
        int hash = entry.indexOf('#');
        int colon = entry.indexOf(':');
        if (hash <= 0 || colon < hash) {
            throw new IllegalArgumentException("expected class#method:labels=argN|return[,predictions=argN|return],"
                    + " e.g. com.acme.Trainer#step:labels=arg0,predictions=return");
        }
        String className = entry.substring(0, hash).trim();
        String method = entry.substring(hash + 1, colon).trim();
        int arity = -1;
        int paren = method.indexOf('(');
        if (paren >= 0) {
            if (!method.endsWith(")")) {
                throw new IllegalArgumentException("expected method(parameterCount)");
            }
            try {
                arity = Integer.parseInt(method.substring(paren + 1, method.length() - 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter count in '" + method + "' is not a number");
            }
            method = method.substring(0, paren).trim();
        }
        if (!isJavaName(className, true) || !isJavaName(method, false)) {
            throw new IllegalArgumentException("'" + className + "#" + method + "' is not a class#method name");
        }
        ValueSource labels = null;
        ValueSource predictions = null;
        ValueSource step = null;
        CaptureMode mode = CaptureMode.TRAIN;
        for (String param : entry.substring(colon + 1).split(",")) {
            if (param.isBlank()) {
                continue;
            }
            int eq = param.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + param.trim() + "' is not key=value");
            }
            String key = param.substring(0, eq).trim();
            String value = param.substring(eq + 1).trim();
            switch (key) {
                case "labels":
                    labels = ValueSource.parse(value);
                    break;
                case "predictions":
                    predictions = ValueSource.parse(value);
                    break;
                case "step":
                    step = ValueSource.parse(value);
                    break;
                case "mode":
                    mode = CaptureMode.parse(value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown key '" + key
                            + "' (known: labels, predictions, mode, step)");
            }
        }
        if (labels == null) {
            throw new IllegalArgumentException("it has no labels=: add labels=argN or labels=return (where the"
                    + " method's labels are)");
        }
        MethodSpec spec = new MethodSpec(className, method, arity, labels, predictions, step, mode, entry);
        if (arity >= 0 && spec.minimumArity() > arity) {
            throw new IllegalArgumentException("uses arg" + (spec.minimumArity() - 1) + " but the method has "
                    + arity + " parameters (argN counts from 0)");
        }
        return spec;
    }

    private static boolean isJavaName(String name, boolean dotted) {
        if (name.isEmpty()) {
            return false;
        }
        for (String part : dotted ? name.split("\\.", -1) : new String[] {name}) {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
                return false;
            }
            for (int i = 1; i < part.length(); i++) {
                if (!Character.isJavaIdentifierPart(part.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }
}
