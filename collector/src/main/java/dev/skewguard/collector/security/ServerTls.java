package dev.skewguard.collector.security;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The collector's TLS: its certificate chain and private key (PEM files), and optionally the CA (PEM) that every
 * client's certificate must chain to (mutual TLS). Both ports use it: gRPC through grpc-java's
 * {@link TlsServerCredentials}, the metrics port through the JDK's HTTPS server with an SSLContext that Netty's
 * {@link SslContextBuilder} makes from the same files.
 */
public final class ServerTls {
    private final Path certChain;
    private final Path privateKey;
    private final Path clientCa;

    private ServerTls(Path certChain, Path privateKey, Path clientCa) {
        this.certChain = certChain;
        this.privateKey = privateKey;
        this.clientCa = clientCa;
    }

    /**
     * @param clientCa null: clients are not asked for a certificate
     * @throws IllegalArgumentException one line when a file is missing or unreadable
     */
    public static ServerTls of(Path certChain, Path privateKey, Path clientCa) {
        requireReadable(certChain, "--tls-cert");
        requireReadable(privateKey, "--tls-key");
        if (clientCa != null) {
            requireReadable(clientCa, "--tls-client-ca");
        }
        return new ServerTls(certChain, privateKey, clientCa);
    }

    private static void requireReadable(Path file, String option) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " " + file + " is not a readable file: give a PEM file");
        }
    }

    /** True when clients must present a certificate signed by the client CA. */
    public boolean mutual() {
        return clientCa != null;
    }

    public Optional<Path> clientCa() {
        return Optional.ofNullable(clientCa);
    }

    /** "--tls-cert A and --tls-key B[ and --tls-client-ca C]", for lines. */
    public String describeFiles() {
        return "--tls-cert " + certChain + " and --tls-key " + privateKey
                + (clientCa != null ? " and --tls-client-ca " + clientCa : "");
    }

    /** For the gRPC port. */
    public ServerCredentials grpcCredentials() throws IOException {
        try {
            TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder()
                    .keyManager(certChain.toFile(), privateKey.toFile());
            if (clientCa != null) {
                tls.trustManager(clientCa.toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
            }
            return tls.build();
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot use " + describeFiles() + ": " + e.getMessage()
                    + " (expected PEM: a certificate chain, a PKCS#8 or PKCS#1 key)", e);
        }
    }

    /** For the metrics port. */
    public HttpsConfigurator httpsConfigurator() throws IOException {
        SSLContext context;
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(certChain.toFile(), privateKey.toFile())
                    .sslProvider(SslProvider.JDK);
            if (clientCa != null) {
                builder.trustManager(clientCa.toFile()).clientAuth(ClientAuth.REQUIRE);
            }
            context = ((JdkSslContext) builder.build()).context();
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot use " + describeFiles() + " for the metrics port: " + e.getMessage(), e);
        }
        boolean mutual = clientCa != null;
        return new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                javax.net.ssl.SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setNeedClientAuth(mutual);
                params.setSSLParameters(ssl);
            }
        };
    }
}
