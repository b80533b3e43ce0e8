package dev.skewguard.collector.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadAheadTest {
    static final int SMALL = 600;
    static final int LARGE = ReadAhead.SMALL_MESSAGE_BYTES + 1;

    @Test
    void smallMessagesAreRequestedInChunksNeverMoreThanMaxAhead() {
        ReadAhead r = new ReadAhead();
        int outstanding = r.start();
        assertEquals(1, outstanding);
        int requests = 0;
        for (int i = 0; i < 1000; i++) {
            outstanding--; // one delivered and handled
            int more = r.handled(SMALL);
            if (more > 0) {
                requests++;
            }
            outstanding += more;
            assertTrue(outstanding >= 1 && outstanding <= ReadAhead.MAX_AHEAD, "outstanding " + outstanding);
        }
        assertTrue(requests <= 1000 / (ReadAhead.MAX_AHEAD / 2) + 1, requests + " requests for 1000");
    }

    @Test
    void aLargeMessageStopsRequestsUntilBackToOneAtATime() {
        ReadAhead r = new ReadAhead();
        int outstanding = r.start();
        outstanding--;
        outstanding += r.handled(SMALL);
        assertEquals(ReadAhead.MAX_AHEAD, outstanding);
        for (int i = 0; i < ReadAhead.MAX_AHEAD - 1; i++) {
            outstanding--;
            assertEquals(0, r.handled(LARGE), "no more requested while large messages drain the read-ahead");
        }
        outstanding--;
        assertEquals(0, outstanding);
        assertEquals(1, r.handled(LARGE), "then one at a time");
        assertEquals(1, r.handled(LARGE));
    }
}
