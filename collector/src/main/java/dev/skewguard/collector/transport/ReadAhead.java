package dev.skewguard.collector.transport;

/**
 * How many inbound messages a stream asks gRPC for ahead of the one it is counting (manual flow control). Asking for
 * one message at a time costs a hand-off to the transport thread per message, which dominates with small batches;
 * so while messages are small ({@link #SMALL_MESSAGE_BYTES} or less) up to {@link #MAX_AHEAD} are requested, in
 * chunks of half of that, and as soon as a larger one arrives no more are requested until the stream is back to
 * one at a time. Memory stays bounded: at most {@code MAX_AHEAD} messages requested ahead per stream (in the worst
 * case, an agent that switches from small to maximal messages, {@code MAX_AHEAD} times the message limit once;
 * with large messages, one). Not thread-safe: gRPC delivers a stream's messages one at a time.
 */
final class ReadAhead {
    static final int SMALL_MESSAGE_BYTES = 16 * 1024;
    static final int MAX_AHEAD = 16;

    private int outstanding;

    /** The first request, for the Hello. */
    int start() {
        outstanding = 1;
        return 1;
    }

    /** A message of {@code bytes} bytes was handled: how many more to request now (0: none). */
    int handled(int bytes) {
        outstanding--;
        int target = bytes <= SMALL_MESSAGE_BYTES ? MAX_AHEAD : 1;
        if (outstanding > target / 2) {
            return 0;
        }
        int more = target - outstanding;
        outstanding = target;
        return more;
    }
}
