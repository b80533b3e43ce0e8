package dev.skewguard.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the agent argument string: {@code key=value} pairs separated by commas, for example
 * {@code endpoint=collector:4910,job=j1,on_stop=exit}.
 *
 * <p>The {@code methods} option is special: its value may itself contain commas, so in the agent argument
 * {@code methods=} must come last and its value runs to the end of the string. (In a system property or an
 * environment variable there is no such constraint.)
 */
public final class AgentArgs {
    private final Map<String, String> values;
    private final List<String> warnings;

    private AgentArgs(Map<String, String> values, List<String> warnings) {
        this.values = values;
        this.warnings = warnings;
    }

    public static AgentArgs parse(String args) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        if (args == null || args.isBlank()) {
            return new AgentArgs(values, warnings);
        }
        String rest = args.trim();
        while (!rest.isEmpty()) {
            String piece;
            int eq = rest.indexOf('=');
            int comma = rest.indexOf(',');
            String keyCandidate = eq < 0 ? "" : normalizeKey(rest.substring(0, eq));
            if (eq >= 0 && (comma < 0 || eq < comma) && keyCandidate.equals("methods")) {
                piece = rest;
                rest = "";
            } else if (comma < 0) {
                piece = rest;
                rest = "";
            } else {
                piece = rest.substring(0, comma);
                rest = rest.substring(comma + 1).trim();
            }
            piece = piece.trim();
            if (piece.isEmpty()) {
                continue;
            }
            int at = piece.indexOf('=');
            if (at <= 0) {
                warnings.add("ignored agent option '" + piece + "': expected key=value");
                continue;
            }
            values.put(normalizeKey(piece.substring(0, at)), piece.substring(at + 1).trim());
        }
        return new AgentArgs(values, warnings);
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
