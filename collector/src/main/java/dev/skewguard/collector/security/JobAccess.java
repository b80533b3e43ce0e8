package dev.skewguard.collector.security;

import io.grpc.Status;

/** The status a caller gets for a job its token may not touch. */
public final class JobAccess {
    private JobAccess() {
    }

    public static Status denied(String jobId, Grant grant) {
        return Status.PERMISSION_DENIED.withDescription("this token may not touch job \"" + jobId
                + "\" (it is limited to " + String.join(",", grant.patterns()) + " in the collector's --tokens-file)");
    }
}
