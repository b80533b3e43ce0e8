package dev.skewguard.agent.export;

import dev.skewguard.agent.config.CollectorSecurity;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.InsecureChannelCredentials;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The channel's credentials from the agent's {@link CollectorSecurity}: grpc-java's {@link TlsChannelCredentials}
 * (the collector's certificate checked against the JDK's CAs or the tls_ca file, and its fingerprint against tls_pin;
 * a client certificate for mutual TLS) or plaintext; and the bearer token as call metadata.
 *
 * <p>With TLS asked for, a setting that cannot be used makes a trust manager that refuses every collector with the
 * reason: the agent then does not connect, and never falls back to plaintext.
 */
final class CollectorCredentials {
    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private CollectorCredentials() {
    }

    static ChannelCredentials channel(CollectorSecurity security) {
        if (!security.tls()) {
            return InsecureChannelCredentials.create();
        }
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
        X509TrustManager trust;
        try {
            if (security.problem() != null) {
                throw new GeneralSecurityException(security.problem());
            }
            boolean pinOnly = security.pinSha256() != null && security.caFile() == null;
            trust = pinned(pinOnly ? null : caTrust(security.caFile()), security.pinSha256());
            if (security.certFile() != null) {
                if (security.keyFile() == null) {
                    throw new GeneralSecurityException("tls_cert needs tls_key (the certificate's private key)");
                }
                tls.keyManager(new File(security.certFile()), new File(security.keyFile()));
            }
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            trust = refuseAll("the agent's TLS settings cannot be used: " + e.getMessage());
        }
        return tls.trustManager(trust).build();
    }

    /** Adds {@code authorization: Bearer <token>} to every call, if a token is set. */
    static Optional<ClientInterceptor> token(CollectorSecurity security) {
        if (security.token() == null) {
            return Optional.empty();
        }
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + security.token());
        return Optional.of(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** The JDK's trusted CAs (caFile null) or those of the PEM file. */
    private static X509TrustManager caTrust(String caFile) throws GeneralSecurityException, IOException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caFile == null) {
            factory.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            try (InputStream in = Files.newInputStream(Path.of(caFile))) {
                for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("ca-" + n++, cert);
                }
            }
            if (n == 0) {
                throw new CertificateException("tls_ca " + caFile + " holds no PEM certificate");
            }
            factory.init(store);
        }
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /**
     * With a pin: the collector's own certificate must have that SHA-256 fingerprint, and when a CA file was given
     * also chain to it (a pin alone trusts that one certificate, self-signed or not).
     */
    private static X509TrustManager pinned(X509TrustManager ca, String pin) {
        if (pin == null) {
            return ca;
        }
        return new Checking(chain -> {
            String seen = HexFormat.of().formatHex(sha256(chain[0].getEncoded()));
            if (!seen.equals(pin)) {
                throw new CertificateException("the collector's certificate has SHA-256 fingerprint " + seen
                        + ", not the tls_pin " + pin);
            }
        }, ca);
    }

    private static X509TrustManager refuseAll(String why) {
        return new Checking(chain -> {
            throw new CertificateException(why);
        }, null);
    }

    private static byte[] sha256(byte[] bytes) throws CertificateException {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new CertificateException(e);
        }
    }

    private interface ChainCheck {
        void check(X509Certificate[] chain) throws CertificateException;
    }

    /** Checks the server's chain with {@code check}, then with {@code ca} if given. The agent is only a client. */
    private static final class Checking implements X509TrustManager {
        private final ChainCheck check;
        private final X509TrustManager ca;

        Checking(ChainCheck check, X509TrustManager ca) {
            this.check = check;
            this.ca = ca;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the collector sent no certificate");
            }
            check.check(chain);
            if (ca != null) {
                ca.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the agent does not accept clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return ca != null ? ca.getAcceptedIssuers() : new X509Certificate[0];
        }
    }
}
