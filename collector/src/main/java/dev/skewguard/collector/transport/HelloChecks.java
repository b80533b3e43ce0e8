package dev.skewguard.collector.transport;

import dev.skewguard.collector.security.Caller;
import dev.skewguard.collector.security.JobAccess;
import dev.skewguard.proto.v1.Hello;
import io.grpc.Status;
import io.grpc.StatusException;

/** What a Hello must have before its stream may join a job: the required fields, and a token granting the job. */
final class HelloChecks {
    private HelloChecks() {
    }

    /** @throws StatusException INVALID_ARGUMENT naming the first of job_id, worker_id, instance_id left empty */
    static void requireFields(Hello hello) throws StatusException {
        require(hello.getJobId(), "job_id");
        require(hello.getWorkerId(), "worker_id");
        require(hello.getInstanceId(), "instance_id");
    }

    /** @throws StatusException as {@link JobAccess#denied} says, when the caller's token does not grant the job */
    static void requireGrant(Hello hello, Caller caller) throws StatusException {
        if (!caller.grant().allows(hello.getJobId())) {
            throw JobAccess.denied(hello.getJobId(), caller.grant()).asException();
        }
    }

    private static void require(String value, String field) throws StatusException {
        if (value.isEmpty()) {
            throw Status.INVALID_ARGUMENT.withDescription("Hello." + field + " is required").asException();
        }
    }
}
