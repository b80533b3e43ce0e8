package dev.skewguard.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the agent argument string: {@code key=value} pairs separated by commas, for example
 * {@code endpoint=collector:4910,job=j1,on_stop=exit}.
 *
 * <p>The {@code methods} option is special: its value itself contains commas
 * ({@code methods=com.acme.T#step:labels=arg0,predictions=return}). Its value runs up to the next piece that is an
 * agent option ({@code key=value} whose key is a known option), so {@code methods=} may stand anywhere in the
 * argument. {@code predictions=argN} and {@code predictions=return} belong to the spec; {@code predictions=indices}
 * and {@code predictions=scores} are the agent option.
 */
public final class AgentArgs {
    private final Map<String, String> values;
    private final List<String> warnings;

    private AgentArgs(Map<String, String> values, List<String> warnings) {
        this.values = values;
        this.warnings = warnings;
    }

    /** Parses with the agent's own option keys as the keys that end a {@code methods} value. */
    public static AgentArgs parse(String args) {
        return parse(args, AgentConfig.optionKeys());
    }

    /**
     * @param optionKeys the keys (normalized) that end a {@code methods} value: the agent's options, the
     *                   instrumentations' switches and their own options
     */
    public static AgentArgs parse(String args, Set<String> optionKeys) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        if (args == null || args.isBlank()) {
            return new AgentArgs(values, warnings);
        }
        boolean inMethods = false;
        for (String raw : args.split(",", -1)) {
            String piece = raw.trim();
            if (piece.isEmpty()) {
                continue;
            }
            if (inMethods && !isOption(piece, optionKeys)) {
                values.put("methods", values.get("methods") + "," + piece);
                continue;
            }
            inMethods = false;
            int at = piece.indexOf('=');
            if (at <= 0) {
                warnings.add("ignored agent option '" + piece + "': expected key=value");
                continue;
            }
            String key = normalizeKey(piece.substring(0, at));
            values.put(key, piece.substring(at + 1).trim());
            inMethods = key.equals("methods");
        }
        return new AgentArgs(values, warnings);
    }

    /** Whether a piece that follows a {@code methods} value is an agent option (and so ends that value). */
    private static boolean isOption(String piece, Set<String> optionKeys) {
        int at = piece.indexOf('=');
        if (at <= 0) {
            return false;
        }
        String key = normalizeKey(piece.substring(0, at));
        if (!optionKeys.contains(key) && !key.equals("methods")) {
            return false;
        }
        if (key.equals("predictions")) {
            String value = piece.substring(at + 1).trim();
            int semicolon = value.indexOf(';');
            String source = (semicolon < 0 ? value : value.substring(0, semicolon)).trim();
            return !(source.equals("return") || source.startsWith("arg"));
        }
        return true;
    }

    /** Lower case, with '-' and '.' read as '_' (so on-stop, ON_STOP and on_stop are one key). */
    public static String normalizeKey(String key) {
        return key.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    public Map<String, String> values() {
        return values;
    }

    public List<String> warnings() {
        return warnings;
    }
}
