package dev.skewguard.agent;

/**
 * Text from outside the agent's own code (what the collector sent: a Stop's or a Notice's summary, which may hold what
 * other clients sent; a status description; the collector's regexes; a program's tensor names; a user's methods spec)
 * made safe for one console line: backslash, C0 and C1 control characters and the Unicode line separators become
 * Java-style escapes, so that no one can break the line, forge another or send terminal escape sequences. A plain
 * loop: it runs at start for methods specs, where loading a formatter or an escaper library would cost time.
 */
public final class ConsoleText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ConsoleText() {
    }

    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escapeOf(c);
            if (escaped != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static String escapeOf(char c) {
        switch (c) {
            case '\\':
                return "\\\\";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                    return new String(new char[] {'\\', 'u', HEX[c >> 12], HEX[(c >> 8) & 15], HEX[(c >> 4) & 15],
                        HEX[c & 15]});
                }
                return null;
        }
    }
}
