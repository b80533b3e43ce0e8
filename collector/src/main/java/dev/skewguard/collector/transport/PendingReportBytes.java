package dev.skewguard.collector.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of GetReport answers handed to the transport whose call has not ended yet: an answer stays in the
 * collector's buffers until its client reads it (HTTP/2 flow control), so a client that asks and never reads would
 * otherwise grow the collector's memory with every call. A call is admitted only while the total stays within the
 * limit, and its bytes are released when the call ends (delivered or cancelled).
 */
public final class PendingReportBytes {
    private final long limit;
    private final AtomicLong pending = new AtomicLong();

    public PendingReportBytes(long limit) {
        this.limit = limit;
    }

    /** Reserves {@code bytes} if the total stays within the limit; false (nothing reserved) otherwise. */
    boolean tryReserve(long bytes) {
        while (true) {
            long current = pending.get();
            if (current + bytes > limit) {
                return false;
            }
            if (pending.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        pending.addAndGet(-bytes);
    }

    /** Bytes reserved now. */
    public long pending() {
        return pending.get();
    }

    long limit() {
        return limit;
    }
}
