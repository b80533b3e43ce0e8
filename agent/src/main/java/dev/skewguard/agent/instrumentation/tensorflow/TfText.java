package dev.skewguard.agent.instrumentation.tensorflow;

import com.google.common.escape.Escaper;
import com.google.common.escape.Escapers;
import java.util.Locale;

/** Text from elsewhere (the collector's regexes, a program's tensor names) made safe for one console line. */
final class TfText {
    private static final Escaper ESCAPER = escaper();

    private TfText() {
    }

    static String escape(String text) {
        return ESCAPER.escape(text);
    }

    /** Backslash and control characters (C0, C1, the Unicode line separators) as Java-style escapes. */
    private static Escaper escaper() {
        Escapers.Builder builder = Escapers.builder().addEscape('\\', "\\\\");
        for (char c = 0; c < 0xA0; c = c == 0x1F ? 0x7F : (char) (c + 1)) {
            builder.addEscape(c, String.format(Locale.ROOT, "\\u%04x", (int) c));
        }
        return builder.addEscape('\u2028', "\\u2028").addEscape('\u2029', "\\u2029").build();
    }
}
