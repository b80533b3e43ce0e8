package dev.skewguard.collector.server;

import static dev.skewguard.collector.server.TestAgent.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skewguard.collector.options.Limits;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.options.ServerOptionsBuilder;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.collector.reportfiles.ReportFiles;
import dev.skewguard.proto.v1.CollectorGrpc;
import dev.skewguard.proto.v1.ReportRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished job that left memory still answers GetReport (over gRPC, the real server on loopback) and the dashboard:
 * from the state dir's store, or without one from its report file, within --report-retention; NOT_FOUND for a job
 * never seen or past the retention; memory stays bounded by --max-jobs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReportRetentionTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Not a file-name-safe id: its report file has an escaped name (see {@link ReportFiles#fileFor}). */
    static final String ODD_ID = "team a/../job:1";

    final List<String> log = new CopyOnWriteArrayList<>();
    final List<ManagedChannel> channels = new ArrayList<>();
    CollectorServer collector;

    CollectorServer start(ServerOptionsBuilder options) throws Exception {
        collector = CollectorServer.start(options.port(0).log(log::add).build());
        return collector;
    }

    /** --max-jobs N and no idle eviction: a finished job leaves memory only when room is needed. */
    static ServerOptionsBuilder maxJobs(int n) {
        return ServerOptions.builder().limits(Limits.DEFAULTS.withMaxJobs(n).withEvictIdleJobsAfter(Duration.ZERO));
    }

    ManagedChannel channel() {
        ManagedChannel channel = TestAgent.channel(collector.port());
        channels.add(channel);
        return channel;
    }

    @AfterEach
    void close() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        if (collector != null) {
            collector.close();
        }
    }

    /** A short job: {@code labels} of class 0 (and one of class 1), then Goodbye. */
    void finishedJob(ManagedChannel channel, String job, int labels) {
        TestAgent agent = TestAgent.on(channel);
        agent.hello(job, "w0", "i0");
        agent.batch(1, TestAgent.concat(repeat(0, labels), repeat(1, 1)),
                TestAgent.concat(repeat(0, labels), repeat(1, 1)));
        agent.awaitAck(1);
        agent.goodbye();
        assertEquals(Status.Code.OK, agent.awaitEnd().getCode());
    }

    /** Finished jobs flood-0.. until memory ({@code maxJobs}) was full and the given jobs had to leave it. */
    void flood(ManagedChannel channel, int jobs, int maxJobs) {
        for (int i = 0; i < jobs; i++) {
            finishedJob(channel, "flood-" + i, 1);
            assertTrue(collector.jobsHeld() <= maxJobs, collector.jobsHeld() + " jobs held, --max-jobs " + maxJobs);
        }
    }

    JsonNode getReport(String job) throws Exception {
        String json = CollectorGrpc.newBlockingStub(channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .getReport(ReportRequest.newBuilder().setJobId(job).build()).getJson();
        return ReportSchema.validated(json);
    }

    Status getReportRefused(String job) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> getReport(job));
        return e.getStatus();
    }

    @Test
    void withAStateDirAnEvictedFinishedJobAnswersFromTheStore(@TempDir Path dir) throws Exception {
        start(maxJobs(3).stateDir(dir));
        ManagedChannel channel = channel();
        finishedJob(channel, ODD_ID, 40);
        flood(channel, 5, 3);
        assertFalse(collector.reportJson(ODD_ID).isPresent(), "the job left memory");

        JsonNode report = getReport(ODD_ID);
        assertEquals(ODD_ID, report.get("job").asText());
        assertEquals(41, report.get("samples_seen").asLong(), "its counts as it left");
        assertEquals(0, report.get("connected_workers").asLong());
        assertTrue(report.get("workers").get(0).get("said_goodbye").asBoolean());
        assertEquals(Status.Code.NOT_FOUND, getReportRefused("never-seen").getCode());
        assertFalse(collector.reportJson(ODD_ID).isPresent(), "asking did not bring it back into memory");
    }

    @Test
    void withOnlyAReportDirAnEvictedFinishedJobAnswersFromItsFile(@TempDir Path dir) throws Exception {
        start(maxJobs(3).reportDir(dir).reportInterval(Duration.ofHours(1)));
        ManagedChannel channel = channel();
        finishedJob(channel, ODD_ID, 40);
        flood(channel, 5, 3);
        assertFalse(collector.reportJson(ODD_ID).isPresent(), "the job left memory");
        assertTrue(ReportFiles.fileFor(dir, ODD_ID).getFileName().toString().contains("+"), "an escaped name");

        JsonNode report = getReport(ODD_ID);
        assertEquals(ODD_ID, report.get("job").asText());
        assertEquals(41, report.get("samples_seen").asLong());
        assertEquals(Status.Code.NOT_FOUND, getReportRefused("never-seen").getCode());
        // A file under the job's name that is another job's report is not this job's.
        Files.copy(ReportFiles.fileFor(dir, "flood-0"), ReportFiles.fileFor(dir, "impostor"));
        assertEquals(Status.Code.NOT_FOUND, getReportRefused("impostor").getCode());
    }

    @Test
    void pastTheRetentionAReportFileNoLongerAnswers(@TempDir Path dir) throws Exception {
        start(maxJobs(3).reportDir(dir).reportInterval(Duration.ofHours(1)).reportRetention(Duration.ofHours(1)));
        ManagedChannel channel = channel();
        finishedJob(channel, "old", 10);
        flood(channel, 5, 3);
        assertEquals(11, getReport("old").get("samples_seen").asLong(), "within the retention");
        Path file = ReportFiles.fileFor(dir, "old");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(61))));

        Status refused = getReportRefused("old");
        assertEquals(Status.Code.NOT_FOUND, refused.getCode());
        assertTrue(refused.getDescription().contains("--report-retention"), refused.getDescription());
        assertTrue(Files.exists(file), "the report file is the operator's: it stays");
    }

    @Test
    void pastTheRetentionTheStoreForgetsTheJobAndItsState(@TempDir Path dir) throws Exception {
        start(maxJobs(2).stateDir(dir).reportRetention(Duration.ofMillis(1500)));
        ManagedChannel channel = channel();
        finishedJob(channel, "old", 10);
        flood(channel, 3, 2);
        assertEquals(11, getReport("old").get("samples_seen").asLong(), "within the retention");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Status refused = null;
        while (refused == null && System.nanoTime() < deadline) {
            try {
                getReport("old");
                Thread.sleep(100);
            } catch (StatusRuntimeException e) {
                refused = e.getStatus();
            }
        }
        assertEquals(Status.Code.NOT_FOUND, refused == null ? null : refused.getCode(), "past the retention");
        Thread.sleep(500); // a prune run (every 150 ms) has forgotten its state too
        TestAgent back = TestAgent.on(channel);
        assertEquals(0, back.hello("old", "w0", "i0").getLastCountedSequence(),
                "an agent of a job past the retention starts it anew");
        assertEquals(0, ReportSchema.validated(collector.reportJson("old").orElseThrow()).get("samples_seen")
                .asLong());
    }

    @Test
    void theDashboardShowsAnEvictedJobFromTheStore(@TempDir Path dir) throws Exception {
        start(maxJobs(3).stateDir(dir).httpPort(0));
        ManagedChannel channel = channel();
        finishedJob(channel, ODD_ID, 40);
        flood(channel, 5, 3);
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + collector.httpPort().orElseThrow() + "/api/jobs";

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/"
                + URLEncoder.encode(ODD_ID, StandardCharsets.UTF_8).replace("+", "%20"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        JsonNode job = JSON.readTree(page.body());
        assertEquals(ODD_ID, job.get("job").asText());
        assertEquals(41, job.get("samples_seen").asLong());
        assertTrue(job.get("workers").get(0).get("said_goodbye").asBoolean());
        assertEquals(0, job.get("history").size(), "the history left memory with the job");

        JsonNode list = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(3, list.get("jobs").size(), "the list holds the jobs in memory");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "/never-seen")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
    }

    @Test
    void underAFloodMemoryStaysBoundedWhileEvictedJobsAnswerFromTheStoreAlsoAfterARestart(@TempDir Path dir)
            throws Exception {
        int maxJobs = 10;
        int jobs = 100;
        ServerOptionsBuilder options = maxJobs(maxJobs).stateDir(dir);
        start(options);
        long started = System.nanoTime();
        flood(channel(), jobs, maxJobs); // jobs held checked after each one
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(maxJobs, collector.jobsHeld());
        for (int i = 0; i < jobs; i += 9) {
            JsonNode report = getReport("flood-" + i);
            assertEquals("flood-" + i, report.get("job").asText());
            assertEquals(2, report.get("samples_seen").asLong());
        }
        assertEquals(maxJobs, collector.jobsHeld(), "answering from the store holds nothing more in memory");

        collector.close();
        start(options);
        assertEquals(maxJobs, collector.jobsHeld(), "a restart restores only the jobs that were held, not the "
                + (jobs - maxJobs) + " that had left memory");
        assertTrue(log.stream().anyMatch(line -> line.contains("keeps the reports of " + (jobs - maxJobs)
                + " jobs that left memory")), log.toString());
        assertEquals(2, getReport("flood-0").get("samples_seen").asLong(), "still answered after the restart");
        TestAgent back = TestAgent.on(channel());
        assertEquals(1, back.hello("flood-1", "w0", "i0").getLastCountedSequence(),
                "an agent of a job that left memory continues it from the store");
        System.out.println(jobs + " short jobs through --max-jobs " + maxJobs + " in " + millis + " ms");
    }
}
