package dev.skewguard.agent.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One line when drops start, then at most one per interval with the count since the previous line. */
class DropNoticeTest {
    @Test
    void firstDropIsToldAtOnceThenAtMostOneLinePerInterval() {
        List<String> lines = new ArrayList<>();
        AtomicLong now = new AtomicLong(1_000);
        DropNotice notice = new DropNotice(8, false, 0, lines::add, now::get);
        notice.dropped();
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("dropping captured batches: the buffer (buffer=8) is full"), lines.get(0));
        for (int i = 0; i < 99; i++) {
            notice.dropped();
        }
        assertEquals(1, lines.size(), "no line per batch");
        now.addAndGet(TimeUnit.SECONDS.toNanos(DropNotice.INTERVAL_SECONDS));
        notice.dropped();
        assertEquals(2, lines.size());
        assertEquals("100 more captured batches dropped in the last 30 s (101 in all): the buffer is still full",
                lines.get(1));
        notice.dropped();
        assertEquals(2, lines.size());
        assertEquals(102, notice.total());
    }
}
