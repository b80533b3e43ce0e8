package dev.skewguard.agent.config;

import java.util.Locale;

/**
 * How the agent meets the collector: TLS (trusting the JDK's CAs, a CA file, and/or one pinned certificate), a client
 * certificate for mutual TLS, and the bearer token. Immutable. {@link #toString()} never shows the token.
 */
public final class CollectorSecurity {
    /** No TLS, no token. */
    public static final CollectorSecurity NONE = new CollectorSecurity(false, null, null, null, null, null, null);

    private final boolean tls;
    private final String caFile;
    private final String pinSha256;
    private final String certFile;
    private final String keyFile;
    private final String token;
    private final String problem;

    CollectorSecurity(boolean tls, String caFile, String pinSha256, String certFile, String keyFile, String token,
                      String problem) {
        this.tls = tls || caFile != null || pinSha256 != null || certFile != null || problem != null;
        this.problem = problem;
        this.caFile = caFile;
        this.pinSha256 = pinSha256;
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.token = token;
    }

    /** True when the channel is TLS; it then never falls back to plaintext. */
    public boolean tls() {
        return tls;
    }

    /** PEM file of the CA(s) that the collector's certificate must chain to; null: the JDK's trusted CAs. */
    public String caFile() {
        return caFile;
    }

    /** The collector certificate's SHA-256 fingerprint (64 lower-case hex digits), or null. */
    public String pinSha256() {
        return pinSha256;
    }

    /** The agent's own certificate chain (PEM) for mutual TLS, or null. */
    public String certFile() {
        return certFile;
    }

    public String keyFile() {
        return keyFile;
    }

    /** Why a TLS option could not be used, or null; with one, the agent trusts no collector (never plaintext). */
    public String problem() {
        return problem;
    }

    /** The bearer token, or null. Never print it. */
    public String token() {
        return token;
    }

    /** For the attach line: what is used, never the token. */
    @Override
    public String toString() {
        String how = !tls ? "plaintext"
                : (caFile != null ? "TLS (CA " + caFile + ")" : "TLS")
                        + (pinSha256 != null ? " pinned" : "") + (certFile != null ? " with client certificate" : "");
        return how + (token != null ? ", token" : "");
    }

    /**
     * A pinned fingerprint as openssl and keytool print it ({@code AB:CD:...}, an optional {@code sha256:} or
     * {@code SHA256 Fingerprint=} prefix), normalised to 64 lower-case hex digits.
     */
    static String parsePin(String value) {
        String v = value.trim();
        int eq = v.indexOf('=');
        if (eq >= 0) {
            v = v.substring(eq + 1);
        }
        if (v.regionMatches(true, 0, "sha256:", 0, 7)) {
            v = v.substring(7);
        }
        v = v.replace(":", "").toLowerCase(Locale.ROOT);
        if (!v.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("expected the collector certificate's SHA-256 fingerprint (64 hex "
                    + "digits, colons allowed), e.g. from 'openssl x509 -noout -fingerprint -sha256 -in cert.pem'");
        }
        return v;
    }
}
