package dev.skewguard.agent.instrumentation.releases;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A framework's release as Maven orders them: numbers compare as numbers ({@code 3.0.10} after {@code 3.0.4}),
 * trailing zeros do not count ({@code 1.0} is {@code 1.0.0}), and a qualifier comes before the release it qualifies,
 * alpha before beta before milestone ({@code M}) before rc before snapshot: {@code 1.0.0-beta7} &lt;
 * {@code 1.0.0-M1.1} &lt; {@code 1.0.0-M2.1} &lt; {@code 1.0.0}. Unknown qualifiers come after the release, in text
 * order.
 */
public final class ReleaseVersion implements Comparable<ReleaseVersion> {
    private static final int RELEASE_RANK = 6;

    private final String text;
    /** Long for a number, String (lower case) for a qualifier. */
    private final List<Object> items;

    private ReleaseVersion(String text, List<Object> items) {
        this.text = text;
        this.items = items;
    }

    /** Parses {@code text} ({@code 0.35.1}, {@code 1.0.0-M2.1}); never throws: any text is some version. */
    public static ReleaseVersion parse(String text) {
        String trimmed = text.trim();
        List<Object> items = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean digits = false;
        for (int i = 0; i <= trimmed.length(); i++) {
            char c = i < trimmed.length() ? trimmed.charAt(i) : '.';
            boolean separator = c == '.' || c == '-' || c == '_' || c == '+';
            boolean digit = Character.isDigit(c);
            if (token.length() > 0 && (separator || digit != digits)) {
                items.add(digits ? (Object) parseNumber(token.toString())
                        : token.toString().toLowerCase(Locale.ROOT));
                token.setLength(0);
            }
            if (!separator) {
                digits = digit;
                token.append(c);
            }
        }
        return new ReleaseVersion(trimmed, items);
    }

    private static long parseNumber(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public int compareTo(ReleaseVersion other) {
        int n = Math.max(items.size(), other.items.size());
        for (int i = 0; i < n; i++) {
            int c = compareItems(i < items.size() ? items.get(i) : null,
                    i < other.items.size() ? other.items.get(i) : null);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** One item against another; null is the end of a version (the release itself). */
    private static int compareItems(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Long x) {
            return b == null ? Long.compare(x, 0) : 1; // a number beats any qualifier
        }
        if (b instanceof Long y) {
            return a == null ? Long.compare(0, y) : -1;
        }
        int byRank = Integer.compare(rank((String) a), rank((String) b));
        if (byRank != 0 || a == null || b == null) {
            return byRank;
        }
        return ((String) a).compareTo((String) b);
    }

    private static int rank(String qualifier) {
        if (qualifier == null || qualifier.equals("ga") || qualifier.equals("final") || qualifier.equals("release")) {
            return RELEASE_RANK;
        }
        switch (qualifier) {
            case "a": case "alpha": return 1;
            case "b": case "beta": return 2;
            case "m": case "milestone": return 3;
            case "rc": case "cr": return 4;
            case "snapshot": return 5;
            default: return RELEASE_RANK + 1;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReleaseVersion other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** As the framework's jar wrote it. */
    @Override
    public String toString() {
        return text;
    }
}
