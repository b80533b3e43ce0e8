package dev.skewguard.collector.security;

import io.grpc.Context;

/**
 * Who made the current gRPC call: what its token grants (every job without a tokens file) and which connection it
 * came on (so that a worker instance's stream cannot be taken over from another connection). Set by
 * {@link CallerInterceptor}; read in the service's handlers.
 */
public record Caller(Grant grant, String connection) {
    static final Context.Key<Caller> KEY = Context.key("skewguard-caller");

    /** The caller of the current call; every job, unknown connection, outside an intercepted call. */
    public static Caller current() {
        Caller caller = KEY.get();
        return caller != null ? caller : new Caller(Grant.ALL, "unknown");
    }
}
