package dev.skewguard.collector.jobs;

import dev.skewguard.collector.decision.Decision;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.protocol.ProtoFindings;
import dev.skewguard.proto.v1.Stop;
import java.util.List;
import java.util.Optional;

/**
 * What a job does once its stop decision is taken: under --action stop, the Stop its streams get, and whether one
 * reached a stream. Guarded by its {@link Job}'s lock.
 */
final class JobStop {
    private final Action action;
    private Stop stop;
    private boolean delivered;

    JobStop(Action action) {
        this.action = action;
    }

    /** A restored job whose decision was taken before: agents that connect get its Stop in their Welcome. */
    void restored(Optional<Decision> decided) {
        if (action == Action.STOP && decided.isPresent()) {
            stop = ProtoFindings.stop(decided.get());
            delivered = true; // agents that connect get it in their Welcome
        }
    }

    /**
     * The decision was taken just now ({@code decided}, if present): under --action stop, the streams to send the
     * Stop to (the job's {@code streams} now); none otherwise.
     */
    List<AgentConnection> decided(Optional<Decision> decided, JobStreams streams) {
        if (decided.isEmpty() || action != Action.STOP) {
            return List.of();
        }
        stop = ProtoFindings.stop(decided.get());
        List<AgentConnection> toStop = streams.all();
        delivered = toStop.isEmpty();
        return toStop;
    }

    /** The Stop, once the decision is taken under --action stop; null before. */
    Stop stop() {
        return stop;
    }

    void delivered() {
        delivered = true;
    }

    boolean isDelivered() {
        return delivered;
    }

    Action action() {
        return action;
    }
}
