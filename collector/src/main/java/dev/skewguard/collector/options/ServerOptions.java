package dev.skewguard.collector.options;

import dev.skewguard.collector.alert.AlertRoutes;
import dev.skewguard.collector.alert.WebhookSender;
import dev.skewguard.collector.decision.Patience;
import dev.skewguard.collector.logging.CollectorLog;
import dev.skewguard.collector.params.ParameterRules;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.security.ServerTls;
import dev.skewguard.collector.security.TokensFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything a {@link dev.skewguard.collector.server.CollectorServer} is started with. Immutable; build with
 * {@link #builder()}.
 */
public final class ServerOptions {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 4910;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REPORT_INTERVAL = Duration.ofSeconds(1);
    /** How long a job that left memory still answers GetReport and the dashboard (--report-retention). */
    public static final Duration DEFAULT_REPORT_RETENTION = Duration.ofDays(7);

    private final String bind;
    private final int port;
    private final RuleParameters ruleParameters;
    private final Patience patience;
    private final ParameterRules rules;
    private final Action action;
    private final Path reportDir;
    private final Path stateDir;
    private final boolean exitWhenDone;
    private final Duration idleTimeout;
    private final boolean quiet;
    private final int maxMessageBytes;
    private final Integer metricsPort;
    private final int metricsTopClasses;
    private final Integer httpPort;
    private final Duration progressInterval;
    private final Duration reportInterval;
    private final CollectorLog log;
    private final Limits limits;
    private final ServerTls tls;
    private final TokensFile tokens;
    private final Duration reportRetention;
    private final AlertRoutes alertRoutes;
    private final WebhookSender.Settings webhookSettings;

    ServerOptions(ServerOptionsBuilder b) {
        this.bind = b.bind;
        this.port = b.port;
        this.ruleParameters = b.ruleParameters;
        this.patience = b.patience;
        this.rules = b.rules;
        this.action = b.action;
        this.reportDir = b.reportDir;
        this.stateDir = b.stateDir;
        this.exitWhenDone = b.exitWhenDone;
        this.idleTimeout = b.idleTimeout;
        this.quiet = b.quiet;
        this.maxMessageBytes = b.maxMessageBytes;
        this.metricsPort = b.metricsPort;
        this.metricsTopClasses = b.metricsTopClasses;
        this.httpPort = b.httpPort;
        this.progressInterval = b.progressInterval;
        this.reportInterval = b.reportInterval;
        this.log = b.log;
        this.limits = b.limits;
        this.tls = b.tls;
        this.tokens = b.tokens;
        this.reportRetention = b.reportRetention;
        this.alertRoutes = b.alertRoutes;
        this.webhookSettings = b.webhookSettings;
    }

    public static ServerOptionsBuilder builder() {
        return new ServerOptionsBuilder();
    }

    /** The address to listen on (default 127.0.0.1: only this machine). */
    public String bind() {
        return bind;
    }

    /**
     * The port to listen on (default 4910); 0 picks a free one, see
     * {@link dev.skewguard.collector.server.CollectorServer#port()}.
     */
    public int port() {
        return port;
    }

    public RuleParameters ruleParameters() {
        return ruleParameters;
    }

    /** How long a check must hold before the collector acts on it (default {@link Patience#DEFAULTS}). */
    public Patience patience() {
        return patience;
    }

    public Action action() {
        return action;
    }

    /** Where one JSON report per job is written, if anywhere. */
    public Optional<Path> reportDir() {
        return Optional.ofNullable(reportDir);
    }

    /** Where jobs' states are kept durably (serve --state-dir); empty: in memory only. */
    public Optional<Path> stateDir() {
        return Optional.ofNullable(stateDir);
    }

    /**
     * Sidecar mode: {@link dev.skewguard.collector.server.CollectorServer#awaitDone} returns once the job is done.
     */
    public boolean exitWhenDone() {
        return exitWhenDone;
    }

    /**
     * How long the collector may be without any agent connected before it is done
     * ({@link dev.skewguard.collector.server.CollectorServer#done()} completes; with status
     * {@link dev.skewguard.collector.server.CollectorServer#EXIT_NO_AGENT} if no agent ever connected); zero: never.
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** No progress lines. */
    public boolean quiet() {
        return quiet;
    }

    /** The largest message accepted; larger ones fail their stream with RESOURCE_EXHAUSTED. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** Where Prometheus metrics are served (on {@link #bind()}, path /metrics), if anywhere; 0 = a free port. */
    public Optional<Integer> metricsPort() {
        return Optional.ofNullable(metricsPort);
    }

    /** Classes per job and mode with their own metric series; the rest are summed as class "other". */
    public int metricsTopClasses() {
        return metricsTopClasses;
    }

    /** Where the dashboard is served (on {@link #bind()}), if anywhere; 0 = a free port. */
    public Optional<Integer> httpPort() {
        return Optional.ofNullable(httpPort);
    }

    public Duration progressInterval() {
        return progressInterval;
    }

    /** How often changed reports are rewritten at most (a trigger and the end of a stream write at once). */
    public Duration reportInterval() {
        return reportInterval;
    }

    /** Where the collector's lines go (default: SLF4J, see {@link CollectorLog}). */
    public CollectorLog log() {
        return log;
    }

    /** What the collector holds at most (default {@link Limits#DEFAULTS}). */
    public Limits limits() {
        return limits;
    }

    /** TLS on both ports, if set (else plaintext). */
    public Optional<ServerTls> tls() {
        return Optional.ofNullable(tls);
    }

    /** The tokens callers must present and the jobs each may touch, if set (else anyone may touch any job). */
    public Optional<TokensFile> tokens() {
        return Optional.ofNullable(tokens);
    }

    /**
     * How long after it left memory a job still answers GetReport and the dashboard, from the state dir's store or
     * its report file; the store forgets it after that (default {@link #DEFAULT_REPORT_RETENTION}).
     */
    public Duration reportRetention() {
        return reportRetention;
    }

    /** Where each job's alerts go (default {@link AlertRoutes#NONE}: no webhook). */
    public AlertRoutes alertRoutes() {
        return alertRoutes;
    }

    /** How alerts are delivered (queue, attempts, backoff). */
    public WebhookSender.Settings webhookSettings() {
        return webhookSettings;
    }

    /** The operator's per-job parameters at start (serve --rules-file; reloaded when its file changes). */
    public ParameterRules rules() {
        return rules;
    }
}
