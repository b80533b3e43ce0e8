package dev.skewguard.collector.transport;

import dev.skewguard.proto.v1.AgentMessage;
import io.grpc.Status;

/**
 * An AgentMessage as it arrived on a stream: parsed, or the status its stream must end with because it could not
 * be (malformed, or larger than the collector accepts). Lets the stream answer bad bytes with a clear status of
 * its own choosing instead of the transport's.
 */
public record InboundMessage(AgentMessage message, int bytes, Status error) {
    /** A message parsed from {@code bytes} bytes (its size as read, so the stream need not compute it again). */
    static InboundMessage parsed(AgentMessage message, int bytes) {
        return new InboundMessage(message, bytes, null);
    }

    static InboundMessage rejected(Status error) {
        return new InboundMessage(null, 0, error);
    }
}
