package dev.skewguard.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.Limits;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.it.plain.PlainExample;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import dev.skewguard.it.support.Reports;
import dev.skewguard.proto.v1.CollectorGrpc;
import dev.skewguard.proto.v1.ReportRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished training job that left the collector's memory (--max-jobs 1: the next job needs the room) still answers
 * GetReport and the dashboard from the state dir, with every batch its agent sent; a job never seen is NOT_FOUND.
 */
class EvictedJobReportIT {

    @Test
    void aFinishedJobThatLeftMemoryAnswersFromTheStateDir(@TempDir Path state) throws Exception {
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG, RuleParameters.DEFAULTS,
                b -> b.stateDir(state).httpPort(0)
                        .limits(Limits.DEFAULTS.withMaxJobs(1).withEvictIdleJobsAfter(Duration.ZERO)))) {
            String agentArgs = ",methods=" + PlainExample.METHODS + ",endpoint=" + collector.endpoint();
            ChildResult first = ChildJvm.on(Jdk.current()).agent("job=first" + agentArgs)
                    .jar(ItPaths.plainJar()).args("--epochs", "2").run(Duration.ofSeconds(120));
            assertEquals(0, first.exitCode(), first.describe());
            collector.awaitReport("first", Reports::allSaidGoodbye, Duration.ofSeconds(60), first.describe());
            ChildResult second = ChildJvm.on(Jdk.current()).agent("job=second" + agentArgs)
                    .jar(ItPaths.plainJar()).args("--epochs", "1").run(Duration.ofSeconds(120));
            assertEquals(0, second.exitCode(), second.describe());
            assertTrue(collector.report("first").isEmpty(), "job first left memory for job second");

            long trained = PlainExample.batches(first, "train") + PlainExample.batches(first, "eval");
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", collector.port()).usePlaintext()
                    .build();
            try {
                var stub = CollectorGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
                JsonNode report = ReportSchema.validated(stub.getReport(ReportRequest.newBuilder()
                        .setJobId("first").build()).getJson());
                assertEquals("first", report.get("job").asText());
                assertEquals(trained, Reports.batchesCounted(report), report.toPrettyString());
                assertEquals(PlainExample.labels(first, "train"), Reports.classCounts(report, "train"));
                assertTrue(Reports.allSaidGoodbye(report), report.toPrettyString());

                StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                        () -> stub.getReport(ReportRequest.newBuilder().setJobId("never-seen").build()));
                assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }

            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + collector.httpPort() + "/api/jobs/first")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), page.body());
            assertEquals(trained, Reports.batchesCounted(new ObjectMapper().readTree(page.body())), page.body());
        }
    }
}
