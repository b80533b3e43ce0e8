package dev.skewguard.agent.export;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.ConsoleText;
import dev.skewguard.agent.config.AgentConfig;
import io.grpc.Status;

/**
 * What the sender makes of a stream that ended or never opened, and the one line it says about it: a lost or
 * unreachable collector (reconnect), a refusal of the agent itself (keep the batches, retry with backoff) or of its
 * data (the held batches are discarded). Each line is said once (a lost connection once per outage, with the
 * reconnection that ends it); the collector's text is escaped.
 */
final class SessionEnds {
    /** What the sender does with the batches it holds after an end. */
    enum Outcome {
        /** Keep them and reconnect (resend what the collector did not count). */
        RECONNECT,
        /** The collector refused the agent (token, permission, instance, limit): keep them, retry with backoff. */
        REFUSED,
        /** The collector refused the data itself: do not resend it; count it as dropped and start a new instance. */
        REJECTED
    }

    private final AgentConfig config;
    private final SenderLifecycle life;
    private final AccessRefusals refusals = new AccessRefusals();
    private boolean warnedUnreachable;
    private boolean warnedRejected;
    /** A lost connection was said and no Welcome came since: the failed attempts until the next one say nothing. */
    private boolean saidLost;

    SessionEnds(AgentConfig config, SenderLifecycle life) {
        this.config = config;
        this.life = life;
    }

    /** The Hello was refused at one of the collector's limits (RESOURCE_EXHAUSTED before Welcome). */
    void refusedAtLimit(Status status) {
        refused(status);
    }

    /** The collector refused the agent itself: one line per kind, and the lifecycle learns it was reached. */
    private void refused(Status status) {
        String described = describe(status);
        refusals.note(status, described);
        life.refused(described);
    }

    /** A stream ended with {@code status}; {@code held}: batches the sender holds (for the line on rejected data). */
    Outcome ended(Status status, int held) {
        switch (status.getCode()) {
            case OK:
            case UNAVAILABLE:
            case CANCELLED:
            case DEADLINE_EXCEEDED:
            case UNKNOWN:
            case INTERNAL:
            case ABORTED:
                if (life.everConnected()) {
                    if (!life.closing() && !saidLost) {
                        saidLost = true;
                        AgentLog.info("connection to the collector lost (" + describe(status) + "); reconnecting");
                    }
                } else {
                    unreachable(describe(status));
                }
                return Outcome.RECONNECT;
            case UNAUTHENTICATED:
            case PERMISSION_DENIED:
            case ALREADY_EXISTS:
                refused(status); // who the agent is, not what it sent
                return Outcome.REFUSED;
            default:
                // INVALID_ARGUMENT, OUT_OF_RANGE, ...: the collector refused what was sent.
                if (!warnedRejected) {
                    warnedRejected = true;
                    AgentLog.warn("the collector rejected data (" + describe(status) + "); " + held
                            + " held batches counted as dropped");
                }
                return Outcome.REJECTED;
        }
    }

    /**
     * A Welcome came: the first connection is said after an unreachable line, and a connection after a lost one is
     * said as reconnected.
     */
    void connected() {
        if (!life.everConnected()) {
            life.connected();
            if (warnedUnreachable) {
                AgentLog.info("connected to the collector at " + config.endpoint());
            }
        } else if (saidLost) {
            AgentLog.info("reconnected to the collector at " + config.endpoint());
        }
        saidLost = false;
    }

    /** The collector could not be reached ({@code why}); said once, and only before the first connection. */
    void unreachable(String why) {
        if (!warnedUnreachable && !life.everConnected()) {
            warnedUnreachable = true;
            AgentLog.warn("collector at " + config.endpoint() + " unreachable (" + why + "); "
                    + (life.closing() ? "retrying until flush_timeout=" + AgentLog.seconds(config.flushTimeoutSeconds())
                            + " s runs out at exit"
                            : config.blockWhenFull() ? "retrying in the background; while the buffer is full, training"
                                    + " waits up to block_timeout=" + AgentLog.seconds(config.blockTimeoutSeconds())
                                    + " s for room (block_when_full=true), then goes on and drops batches"
                            : "retrying in the background, training is not affected"));
        }
    }

    /** The status in words; the collector's text escaped ({@link ConsoleText}). */
    static String describe(Status status) {
        StringBuilder s = new StringBuilder(status.getCode().name());
        if (status.getDescription() != null) {
            s.append(": ").append(ConsoleText.escape(status.getDescription()));
        }
        Throwable cause = status.getCause();
        while (cause != null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause != null && cause.getMessage() != null) {
            s.append(" (").append(ConsoleText.escape(cause.getMessage())).append(')');
        }
        return s.toString();
    }
}
