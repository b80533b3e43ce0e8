package dev.skewguard.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.proto.v1.Finding;
import org.junit.jupiter.api.Test;

class StopReasonsTest {
    @Test
    void aRogueStopTextCannotBreakTheLineNorSendTerminalEscapes() {
        Finding finding = Finding.newBuilder()
                .addChecks("ratio\n[skewguard] forged")
                .setRatio(12)
                .setSummary("bad\r\n[skewguard] STOP forged line \u001b[2J\u0085\u2028 end\\")
                .build();
        String line = StopReasons.describe(finding);
        for (char c : line.toCharArray()) {
            assertFalse(Character.isISOControl(c) || c == '\u2028', "control character " + (int) c + " in " + line);
        }
        assertTrue(line.contains("ratio\\n[skewguard] forged"), line);
        assertTrue(line.contains("bad\\r\\n[skewguard] STOP forged line \\u001b[2J\\u0085\\u2028 end\\\\"), line);
    }

    @Test
    void aPlainFindingReadsAsBefore() {
        Finding finding = Finding.newBuilder().addChecks("ratio").setRatio(12).setSummary("class 0: 90%").build();
        assertEquals("checks=ratio ratio=12.0 classes=[] -- class 0: 90%", StopReasons.describe(finding));
    }
}
