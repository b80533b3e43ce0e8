package dev.skewguard.agent.export;

import dev.skewguard.agent.AgentLog;
import io.grpc.Status;
import java.util.EnumSet;
import java.util.Set;

/**
 * The collector refused the agent itself, not its data: one line per kind, saying what to do. The agent keeps its
 * held batches and retries with backoff (a token or a permission can be fixed while the job runs; an instance the
 * collector still sees on a dead connection is released once the collector notices; a Hello refused at one of the
 * collector's limits gets in once other jobs end).
 */
final class AccessRefusals {
    private final Set<Status.Code> said = EnumSet.noneOf(Status.Code.class);

    /** Says the line for {@code status} once per code. */
    void note(Status status, String described) {
        if (!said.add(status.getCode())) {
            return;
        }
        AgentLog.warn(line(status.getCode(), described));
    }

    static String line(Status.Code code, String described) {
        switch (code) {
            case UNAUTHENTICATED:
                return "the collector refused the agent's token (" + described + "): set token= or token_file= to a "
                        + "token listed in the collector's --tokens-file; retrying in the background, batches kept "
                        + "while the buffer has room";
            case PERMISSION_DENIED:
                return "the collector refused this job for the agent's token (" + described + "): use the job id "
                        + "(job=) or a token whose patterns in the collector's --tokens-file cover it; retrying in the "
                        + "background, batches kept while the buffer has room";
            case RESOURCE_EXHAUSTED:
                return "the collector is at one of its limits (" + described + "): retrying in the background, "
                        + "batches kept while the buffer has room";
            default:
                return "the collector refused this worker's stream (" + described + "); retrying in the background";
        }
    }
}
