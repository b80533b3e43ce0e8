package dev.skewguard.collector.security;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * Puts the {@link Caller} of every call in its context; with a tokens file, first checks the bearer token in the
 * {@value #AUTHORIZATION} metadata and ends the call with UNAUTHENTICATED when it is missing or unknown.
 * Which jobs a token may touch is checked where the job id is known (Hello, GetReport): PERMISSION_DENIED.
 */
public final class CallerInterceptor implements ServerInterceptor {
    /** The metadata key of the token: {@code authorization: Bearer <token>}. */
    public static final String AUTHORIZATION = "authorization";
    static final Metadata.Key<String> AUTHORIZATION_KEY =
            Metadata.Key.of(AUTHORIZATION, Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final TokensFile tokens;

    /** {@code tokens} null: every caller may touch every job. */
    public CallerInterceptor(TokensFile tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                       ServerCallHandler<Q, A> next) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String connection = remote != null ? remote.toString() : "unknown";
        Grant grant = Grant.ALL;
        if (tokens != null) {
            Optional<Grant> found = grantOf(headers.get(AUTHORIZATION_KEY));
            if (found.isEmpty()) {
                String why = headers.get(AUTHORIZATION_KEY) == null
                        ? "no token: this collector requires '" + AUTHORIZATION + ": Bearer <token>' (agent option "
                                + "token or token_file)"
                        : "unknown token: it is not in the collector's --tokens-file";
                call.close(Status.UNAUTHENTICATED.withDescription(why), new Metadata());
                return new ServerCall.Listener<>() { };
            }
            grant = found.get();
        }
        Context context = Context.current().withValue(Caller.KEY, new Caller(grant, connection));
        return Contexts.interceptCall(context, call, headers, next);
    }

    private Optional<Grant> grantOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return tokens.grantFor(authorization.substring(BEARER.length()).strip());
    }
}
