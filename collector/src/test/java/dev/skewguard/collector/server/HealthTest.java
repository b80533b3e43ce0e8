package dev.skewguard.collector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skewguard.collector.health.CollectorHealth;
import dev.skewguard.collector.options.ServerOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gRPC health service (a grpc-services HealthGrpc client) and /healthz of a running collector. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HealthTest {
    private CollectorServer collector;
    private ManagedChannel channel;

    @AfterEach
    void close() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        if (collector != null) {
            collector.close();
        }
    }

    private void start() throws Exception {
        collector = CollectorServer.start(ServerOptions.builder().port(0).quiet(true).metricsPort(0)
                .log(line -> { }).build());
        channel = TestAgent.channel(collector.port());
    }

    private static HealthCheckRequest service(String name) {
        return HealthCheckRequest.newBuilder().setService(name).build();
    }

    @Test
    void servingOnceListeningForTheServerAndTheCollectorService() throws Exception {
        start();
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        assertEquals(ServingStatus.SERVING, health.check(service("")).getStatus());
        assertEquals(ServingStatus.SERVING, health.check(service(CollectorHealth.COLLECTOR_SERVICE)).getStatus());
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                () -> health.check(service("no.such.Service")));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
    }

    @Test
    void aWatcherIsToldNotServingWhenTheCollectorShutsDown() throws Exception {
        start();
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        HealthGrpc.newStub(channel).watch(service(CollectorHealth.COLLECTOR_SERVICE), new StreamObserver<>() {
            @Override
            public void onNext(HealthCheckResponse response) {
                seen.add(response.getStatus());
            }

            @Override
            public void onError(Throwable t) {
                seen.add(Status.fromThrowable(t).getCode());
            }

            @Override
            public void onCompleted() {
                seen.add("completed");
            }
        });
        assertEquals(ServingStatus.SERVING, seen.poll(10, TimeUnit.SECONDS));
        collector.close();
        assertEquals(ServingStatus.NOT_SERVING, seen.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void healthzOnTheMetricsPortAnswersOkWithoutAToken() throws Exception {
        start();
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + collector.metricsPort().orElseThrow();
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        assertEquals("ok\n", ok.body());
        assertEquals("no-store", ok.headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }
}
