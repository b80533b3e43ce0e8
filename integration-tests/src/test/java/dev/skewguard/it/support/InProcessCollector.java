package dev.skewguard.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.options.ServerOptionsBuilder;
import dev.skewguard.collector.report.ReportSchema;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.server.CollectorServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The real collector, in this JVM, on 127.0.0.1 and an ephemeral port. Reports come back as Jackson trees.
 *
 * <pre>{@code
 * try (InProcessCollector collector = InProcessCollector.start(Action.STOP)) {
 *     ... ChildJvm.on(jdk).agent("endpoint=" + collector.endpoint() + ",job=j1,...") ...
 *     JsonNode report = collector.awaitReport("j1", r -> r.path("batches_counted").asLong() > 0, timeout);
 * }
 * }</pre>
 */
public final class InProcessCollector implements AutoCloseable {
    private final CollectorServer server;
    private final List<String> log;

    private InProcessCollector(CollectorServer server, List<String> log) {
        this.server = server;
        this.log = log;
    }

    public static InProcessCollector start(Action action) throws IOException {
        return start(action, RuleParameters.DEFAULTS);
    }

    public static InProcessCollector start(Action action, RuleParameters parameters) throws IOException {
        return start(action, parameters, UnaryOperator.identity());
    }

    /** With more options (TLS, tokens) set by {@code more}. */
    public static InProcessCollector start(Action action, RuleParameters parameters,
                                           UnaryOperator<ServerOptionsBuilder> more) throws IOException {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CollectorServer server = CollectorServer.start(more.apply(ServerOptions.builder()
                .bind("127.0.0.1")
                .port(0)
                .action(action)
                .ruleParameters(parameters)
                .log(log::add))
                .build());
        return new InProcessCollector(server, log);
    }

    public int port() {
        return server.port();
    }

    /** The dashboard's port (started with {@code httpPort(0)} among the options). */
    public int httpPort() {
        return server.httpPort().orElseThrow(() -> new IllegalStateException("started without httpPort"));
    }

    /** {@code 127.0.0.1:<port>}, for the agent's endpoint option. */
    public String endpoint() {
        return "127.0.0.1:" + port();
    }

    /** The job's current report, if the collector has heard of it, checked against the report's JSON Schema. */
    public Optional<JsonNode> report(String job) {
        return server.reportJson(job).map(ReportSchema::validated);
    }

    /** Polls the job's report until it satisfies the condition; fails with the last report after the timeout. */
    public JsonNode awaitReport(String job, Predicate<JsonNode> condition, Duration timeout)
            throws InterruptedException {
        return awaitReport(job, condition, timeout, "");
    }

    /** As above; {@code context} (e.g. the child's output) is added to the failure message. */
    public JsonNode awaitReport(String job, Predicate<JsonNode> condition, Duration timeout, String context)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<JsonNode> last = Optional.empty();
        while (System.nanoTime() - deadline < 0) {
            last = report(job);
            if (last.isPresent() && condition.test(last.get())) {
                return last.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("report of job " + job + " did not reach the expected state within " + timeout
                + "; last: " + last.map(JsonNode::toPrettyString).orElse("(none)") + "\ncollector log:\n"
                + String.join("\n", logLines()) + "\n" + context);
    }

    /** Lines the collector logged. */
    public List<String> logLines() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
