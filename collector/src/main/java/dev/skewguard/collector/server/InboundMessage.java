package dev.skewguard.collector.server;

import dev.skewguard.proto.v1.AgentMessage;
import io.grpc.Status;

/**
 * An AgentMessage as it arrived on a stream: parsed, or the status its stream must end with because it could not
 * be (malformed, or larger than the collector accepts). Lets the stream answer bad bytes with a clear status of
 * its own choosing instead of the transport's.
 */
record InboundMessage(AgentMessage message, Status error) {
    static InboundMessage parsed(AgentMessage message) {
        return new InboundMessage(message, null);
    }

    static InboundMessage rejected(Status error) {
        return new InboundMessage(null, error);
    }
}
