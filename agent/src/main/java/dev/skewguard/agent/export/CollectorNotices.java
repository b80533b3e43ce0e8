package dev.skewguard.agent.export;

import com.google.common.escape.Escaper;
import com.google.common.escape.Escapers;
import dev.skewguard.agent.AgentLog;
import dev.skewguard.proto.v1.Finding;
import dev.skewguard.proto.v1.Notice;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The collector's Notice (its rule fired and it does not stop the job): one line on the training's standard error,
 * once per process, whatever the number of streams or reconnects that carry it. The finding's summary holds text
 * other clients sent (worker ids), so it is escaped: no control character reaches the console.
 */
final class CollectorNotices {
    private static final AtomicBoolean PRINTED = new AtomicBoolean();
    private static final Escaper ESCAPER = escaper();

    private CollectorNotices() {
    }

    /** Prints the notice unless one was printed already. Never throws. */
    static void print(Notice notice) {
        if (!notice.hasFinding() || !PRINTED.compareAndSet(false, true)) {
            return;
        }
        AgentLog.warn(line(notice.getFinding()));
    }

    static String line(Finding finding) {
        String what = finding.getSummary().isEmpty() ? StopReasons.describe(finding) : finding.getSummary();
        return "the collector's rule fired for this job: " + ESCAPER.escape(what)
                + " (the collector only reports it, --action log: training continues)";
    }

    /** Backslash, C0 and C1 control characters and the Unicode line separators, as Java-style escapes. */
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

    /** Tests: forget that a notice was printed. */
    static void reset() {
        PRINTED.set(false);
    }
}
