package dev.skewguard.collector.security;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.util.Optional;

/**
 * The metrics port's check of the bearer token ({@code Authorization: Bearer <token>}): 401 without a known token.
 * The JDK's HTTP server authenticates on the thread that then runs the handler, so the grant of the request being
 * served is kept for that thread ({@link #currentGrant()}): the metrics show only the jobs the token may touch.
 */
public final class HttpTokenAuthenticator extends Authenticator {
    private static final ThreadLocal<Grant> CURRENT = new ThreadLocal<>();
    private final TokensFile tokens;

    public HttpTokenAuthenticator(TokensFile tokens) {
        this.tokens = tokens;
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        CURRENT.remove();
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        Optional<Grant> grant = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? tokens.grantFor(header.substring(7).strip()) : Optional.empty();
        if (grant.isEmpty()) {
            // RFC 6750: the reason goes in WWW-Authenticate; the JDK's server then answers 401 with no body.
            exchange.getResponseHeaders().set("WWW-Authenticate", header == null
                    ? "Bearer realm=\"skewguard\", error_description=\"no token: send Authorization: Bearer <token> "
                            + "with a token of the collector's --tokens-file\""
                    : "Bearer realm=\"skewguard\", error=\"invalid_token\", error_description=\"unknown token\"");
            return new Failure(401);
        }
        CURRENT.set(grant.get());
        return new Success(new HttpPrincipal("token", "skewguard"));
    }

    /** The grant of the request this thread serves; every job when the metrics port has no tokens. */
    public static Grant currentGrant() {
        Grant grant = CURRENT.get();
        return grant != null ? grant : Grant.ALL;
    }
}
