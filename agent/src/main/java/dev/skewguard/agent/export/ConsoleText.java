package dev.skewguard.agent.export;

import com.google.common.escape.Escaper;
import com.google.common.escape.Escapers;
import java.util.Locale;

/**
 * Text the collector sent (a Stop's or a Notice's summary and check names, which may hold what other clients sent),
 * made safe for one console line: backslash, C0 and C1 control characters and the Unicode line separators become
 * Java-style escapes, so that no collector can break the line, forge another or send terminal escape sequences.
 */
final class ConsoleText {
    private static final Escaper ESCAPER = escaper();

    private ConsoleText() {
    }

    static String escape(String text) {
        return ESCAPER.escape(text);
    }

    private static Escaper escaper() {
        Escapers.Builder builder = Escapers.builder()
                .addEscape('\\', "\\\\").addEscape('\n', "\\n").addEscape('\r', "\\r").addEscape('\t', "\\t");
        for (char c = 0; c < 0xA0; c = c == 0x1F ? 0x7F : (char) (c + 1)) {
            if (c != '\n' && c != '\r' && c != '\t') {
                builder.addEscape(c, String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return builder.addEscape('\u2028', "\\u2028").addEscape('\u2029', "\\u2029").build();
    }
}
