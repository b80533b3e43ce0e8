package dev.skewguard.collector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.health.CollectorHealth;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.security.ServerTls;
import dev.skewguard.collector.security.TestPki;
import dev.skewguard.collector.security.TokensFile;
import dev.skewguard.proto.v1.AgentMessage;
import dev.skewguard.proto.v1.CollectorGrpc;
import dev.skewguard.proto.v1.Hello;
import dev.skewguard.proto.v1.ReportRequest;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** TLS and tokens on both ports, jobs limited per token, with certificates made at test time. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecureCollectorTest {
    static final String TOKEN_A = "team-a-token-0123456789abcdef";
    static final String TOKEN_B = "team-b-token-0123456789abcdef";
    static final int[] LABELS = TestAgent.concat(TestAgent.repeat(0, 50), TestAgent.repeat(1, 50));

    @TempDir
    static Path pkiDir;
    static TestPki pki;
    static TestPki rogue;

    private CollectorServer collector;
    private final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        pki = TestPki.ca(pkiDir, "test-ca");
        pki.issue("collector");
        pki.issue("client");
        rogue = TestPki.ca(pkiDir, "rogue-ca");
        rogue.issue("rogue");
    }

    @AfterEach
    void stop() throws Exception {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        if (collector != null) {
            collector.close();
        }
    }

    /** Team A's job and team B's job, each with one batch counted, over TLS with the team's token. */
    private void oneBatchOfEachTeam() throws Exception {
        TestAgent a = TestAgent.on(tls(TOKEN_A));
        a.hello("team-a-1", "w0", "i0");
        a.batch(1, LABELS, LABELS);
        a.awaitAck(1);
        TestAgent b = TestAgent.on(tls(TOKEN_B));
        b.hello("team-b-1", "w0", "i0");
        b.batch(1, LABELS, LABELS);
        b.awaitAck(1);
    }

    private void start(boolean mutual, boolean metrics) throws Exception {
        start(mutual, metrics, false);
    }

    private void start(boolean mutual, boolean metrics, boolean dashboard) throws Exception {
        Path tokens = pkiDir.resolve("tokens");
        Files.writeString(tokens, "# team tokens\n" + TOKEN_A + " team-a-*\n" + TOKEN_B + " team-b-*,shared\n");
        collector = CollectorServer.start(ServerOptions.builder().port(0).quiet(true)
                .metricsPort(metrics ? 0 : null)
                .httpPort(dashboard ? 0 : null)
                .tls(ServerTls.of(pki.crt("collector"), pki.key("collector"), mutual ? pki.caPem() : null))
                .tokens(TokensFile.read(tokens))
                .log(line -> { })
                .build());
    }

    private ManagedChannel channel(ChannelCredentials credentials, String token) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress("127.0.0.1", collector.port(), credentials);
        if (token != null) {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        ManagedChannel channel = builder.build();
        channels.add(channel);
        return channel;
    }

    private ManagedChannel tls(String token) throws Exception {
        return channel(TlsChannelCredentials.newBuilder().trustManager(pki.caPem().toFile()).build(), token);
    }

    private static Status reportStatus(ManagedChannel channel, String job) {
        try {
            CollectorGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getReport(ReportRequest.newBuilder().setJobId(job).build());
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
    }

    private static Status refusedHello(TestAgent agent, String job) {
        agent.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setJobId(job).setWorkerId("w0")
                .setInstanceId("i-refused")).build());
        return agent.awaitEnd();
    }

    @Test
    void tlsAndTokensOnTheGrpcPortLimitEachTokenToItsJobs() throws Exception {
        start(false, false);
        TestAgent agent = TestAgent.on(tls(TOKEN_A));
        agent.hello("team-a-1", "w0", "i0");
        agent.batch(1, LABELS, LABELS);
        assertEquals(1, agent.awaitAck(1));

        assertEquals(Status.Code.OK, reportStatus(tls(TOKEN_A), "team-a-1").getCode());
        Status denied = reportStatus(tls(TOKEN_B), "team-a-1");
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getCode());
        assertTrue(denied.getDescription().contains("team-b-*,shared"), denied.toString());
        assertEquals(Status.Code.UNAUTHENTICATED, reportStatus(tls(null), "team-a-1").getCode());
        Status unknown = reportStatus(tls("not-a-token-of-this-collector"), "team-a-1");
        assertEquals(Status.Code.UNAUTHENTICATED, unknown.getCode());
        assertFalse(unknown.getDescription().contains("not-a-token"), "a token is never echoed: " + unknown);

        TestAgent intruder = TestAgent.on(tls(TOKEN_B));
        assertEquals(Status.Code.PERMISSION_DENIED, refusedHello(intruder, "team-a-2").getCode());
        assertTrue(collector.reportJson("team-a-2").isEmpty(), "a refused Hello makes no job");
        TestAgent anonymous = TestAgent.on(tls(null));
        assertEquals(Status.Code.UNAUTHENTICATED, refusedHello(anonymous, "team-a-3").getCode());

        assertEquals(Status.Code.UNAVAILABLE,
                reportStatus(channel(InsecureChannelCredentials.create(), TOKEN_A), "team-a-1").getCode(),
                "plaintext to the TLS port");
        ManagedChannel trustingRogue = channel(TlsChannelCredentials.newBuilder()
                .trustManager(rogue.caPem().toFile()).build(), TOKEN_A);
        assertEquals(Status.Code.UNAVAILABLE, reportStatus(trustingRogue, "team-a-1").getCode(),
                "a client that trusts another CA does not accept the collector");
        agent.goodbye();
        assertEquals(Status.Code.OK, agent.awaitEnd().getCode());
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificateOfTheClientCa() throws Exception {
        start(true, false);
        assertEquals(Status.Code.UNAVAILABLE, reportStatus(tls(TOKEN_A), "team-a-1").getCode());
        ManagedChannel withRogueCert = channel(TlsChannelCredentials.newBuilder()
                .trustManager(pki.caPem().toFile())
                .keyManager(rogue.crt("rogue").toFile(), rogue.key("rogue").toFile()).build(), TOKEN_A);
        assertEquals(Status.Code.UNAVAILABLE, reportStatus(withRogueCert, "team-a-1").getCode());
        ManagedChannel withCert = channel(TlsChannelCredentials.newBuilder()
                .trustManager(pki.caPem().toFile())
                .keyManager(pki.crt("client").toFile(), pki.key("client").toFile()).build(), TOKEN_A);
        assertEquals(Status.Code.NOT_FOUND, reportStatus(withCert, "team-a-1").getCode(),
                "through TLS and the token: the job is simply unknown");
    }

    @Test
    void theMetricsPortNeedsTlsAndATokenAndShowsOnlyItsJobs() throws Exception {
        start(false, true);
        oneBatchOfEachTeam();

        HttpClient client = HttpClient.newBuilder().sslContext(trusting(pki.caPem())).build();
        URI uri = URI.create("https://localhost:" + collector.metricsPort().orElseThrow() + "/metrics");
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").contains("no token"),
                anonymous.headers().toString());
        assertEquals(401, get(client, uri, "not-a-token-of-this-collector").statusCode());

        HttpResponse<String> teamA = get(client, uri, TOKEN_A);
        assertEquals(200, teamA.statusCode());
        assertTrue(teamA.body().contains("skewguard_batches_counted_total{training_job=\"team-a-1\"} 1.0"), teamA.body());
        assertFalse(teamA.body().contains("team-b-1"), "team A does not see team B's job ids: " + teamA.body());
        HttpResponse<String> teamB = get(client, uri, TOKEN_B);
        assertTrue(teamB.body().contains("training_job=\"team-b-1\""), teamB.body());
        assertFalse(teamB.body().contains("team-a-1"), teamB.body());

        HttpClient plaintext = HttpClient.newHttpClient();
        URI http = URI.create("http://localhost:" + collector.metricsPort().orElseThrow() + "/metrics");
        assertThrows(java.io.IOException.class, () -> get(plaintext, http, TOKEN_A), "plain HTTP to the TLS port");
        HttpClient trustingRogue = HttpClient.newBuilder().sslContext(trusting(rogue.caPem())).build();
        assertThrows(java.io.IOException.class, () -> get(trustingRogue, uri, TOKEN_A));
    }

    @Test
    void probesNeedNoTokenAndLearnNothingButServing() throws Exception {
        start(false, true);
        ManagedChannel noToken = tls(null);
        HealthCheckResponse health = HealthGrpc.newBlockingStub(noToken).withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(CollectorHealth.COLLECTOR_SERVICE).build());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
        assertEquals(Status.Code.UNAUTHENTICATED, reportStatus(noToken, "team-a-1").getCode(),
                "the collector's own service still wants a token");

        HttpClient client = HttpClient.newBuilder().sslContext(trusting(pki.caPem())).build();
        int port = collector.metricsPort().orElseThrow();
        HttpResponse<String> healthz = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, healthz.statusCode());
        assertEquals("ok\n", healthz.body());
        assertEquals(401, client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void theDashboardIsHttpsAndItsDataNeedsATokenThatSeesOnlyItsJobs() throws Exception {
        start(false, false, true);
        oneBatchOfEachTeam();

        HttpClient client = HttpClient.newBuilder().sslContext(trusting(pki.caPem())).build();
        String base = "https://localhost:" + collector.httpPort().orElseThrow();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), "the page holds no data");
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create(base + "/api/jobs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        HttpResponse<String> teamA = get(client, URI.create(base + "/api/jobs"), TOKEN_A);
        assertEquals(200, teamA.statusCode());
        assertTrue(teamA.body().contains("\"job\":\"team-a-1\""), teamA.body());
        assertFalse(teamA.body().contains("team-b-1"), teamA.body());
        assertEquals(404, get(client, URI.create(base + "/api/jobs/team-b-1"), TOKEN_A).statusCode());
        HttpResponse<String> own = get(client, URI.create(base + "/api/jobs/team-a-1"), TOKEN_A);
        assertEquals(200, own.statusCode());
        assertTrue(own.body().contains("\"history\":{\"train\":{\"stride\":1,\"labels\":[100]"), own.body());
        HttpClient plaintext = HttpClient.newHttpClient();
        assertThrows(java.io.IOException.class,
                () -> get(plaintext, URI.create("http://localhost:" + collector.httpPort().orElseThrow() + "/"),
                        TOKEN_A), "plain HTTP to the TLS port");
    }

    private static HttpResponse<String> get(HttpClient client, URI uri, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
