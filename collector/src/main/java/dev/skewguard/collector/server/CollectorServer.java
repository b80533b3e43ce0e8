package dev.skewguard.collector.server;

import dev.skewguard.collector.alert.AlertMetrics;
import dev.skewguard.collector.alert.AlertRoutes;
import dev.skewguard.collector.params.ParameterRules;
import dev.skewguard.collector.params.RulesFileAlertRoutes;
import dev.skewguard.collector.alert.JobAlerts;
import dev.skewguard.collector.alert.WebhookSender;
import dev.skewguard.collector.dashboard.DashboardServer;
import dev.skewguard.collector.health.CollectorHealth;
import dev.skewguard.collector.joblog.ConfigurationErrorLog;
import dev.skewguard.collector.joblog.FinalSummary;
import dev.skewguard.collector.jobs.AgentConnection;
import dev.skewguard.collector.jobs.Job;
import dev.skewguard.collector.jobs.JobPersistence;
import dev.skewguard.collector.jobs.JobRegistry;
import dev.skewguard.collector.metrics.Metrics;
import dev.skewguard.collector.metrics.MetricsEndpoint;
import dev.skewguard.collector.options.Limits;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.params.RulesFileReloader;
import dev.skewguard.collector.reportfiles.JobReports;
import dev.skewguard.collector.reportfiles.ReportFiles;
import dev.skewguard.collector.reportfiles.ReportRetention;
import dev.skewguard.collector.transport.CollectorService;
import dev.skewguard.collector.transport.GrpcServer;
import dev.skewguard.collector.transport.PendingReportBytes;
import io.grpc.Server;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The collector: a gRPC server that feeds every job's batches to one rule per job, reports, and stops jobs.
 *
 * <pre>{@code
 * try (CollectorServer collector = CollectorServer.start(ServerOptions.builder().port(0).build())) {
 *     int port = collector.port();
 *     ...
 *     Optional<String> json = collector.reportJson("my-job");
 * }
 * }</pre>
 */
public final class CollectorServer implements AutoCloseable {
    /** Exit status when --idle-timeout passed and no agent ever connected. */
    public static final int EXIT_NO_AGENT = JobRegistry.EXIT_NO_AGENT;
    private static final long CLOSE_GRACE_MILLIS = 2000;

    private final ServerOptions options;
    private final JobRegistry registry;
    private final ReportFiles reportFiles;
    private final Server server;
    private final ScheduledExecutorService ticks;
    private final MetricsEndpoint metrics;
    private final CollectorHealth health;
    /** serve --http-port; null without. */
    private final DashboardServer dashboard;
    /** serve --state-dir; null without. */
    private final JobPersistence persistence;
    private final ConfigurationErrorLog configurationErrors;
    /** With a rules file: reloads it when it changes (and on SIGHUP). */
    private volatile RulesFileReloader rulesReloader;
    private final PendingReportBytes pendingReports;
    private final ReportRetention retention;
    /** serve --webhook-url (or routes); null without. */
    private WebhookSender webhook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CollectorServer(ServerOptions options, JobRegistry registry, ReportFiles reportFiles, Server server,
                            ScheduledExecutorService ticks, MetricsEndpoint metrics, DashboardServer dashboard,
                            JobPersistence persistence, PendingReportBytes pendingReports, CollectorHealth health,
                            ReportRetention retention) {
        this.health = health;
        this.retention = retention;
        this.dashboard = dashboard;
        this.persistence = persistence;
        this.options = options;
        this.pendingReports = pendingReports;
        this.registry = registry;
        this.reportFiles = reportFiles;
        this.server = server;
        this.ticks = ticks;
        this.metrics = metrics;
        this.configurationErrors = new ConfigurationErrorLog(options.log());
    }

    /**
     * Starts listening on {@code options.bind():options.port()}.
     *
     * @throws IOException when the address cannot be bound (in use, not local) or the report directory not made
     */
    public static CollectorServer start(ServerOptions options) throws IOException {
        JobRegistry registry = new JobRegistry(options);
        WebhookSender webhook = null;
        if (options.alertRoutes() != AlertRoutes.NONE || options.rules() != ParameterRules.NONE) {
            // A rules file may route alerts per job pattern (its webhook sections), now or after a reload.
            webhook = WebhookSender.start(options.webhookSettings(), options.log()::warn);
            AlertRoutes routes = options.rules() != ParameterRules.NONE
                    ? new RulesFileAlertRoutes(registry.parameters(), options.alertRoutes()) : options.alertRoutes();
            registry.alerts(new JobAlerts(routes, webhook, options.action().jsonName(), options.log()::warn));
        }
        ReportFiles reportFiles = null;
        if (options.reportDir().isPresent()) {
            reportFiles = new ReportFiles(options.reportDir().get(), options.log());
            registry.reportFiles(reportFiles);
        }
        JobPersistence persistence = null;
        if (options.stateDir().isPresent()) {
            List<Job> restored = new ArrayList<>();
            persistence = JobPersistence.open(options.stateDir().get(), options.action(),
                    options.limits().maxInstancesPerJob(), options.log(), restored);
            registry.persistence(persistence, restored);
            if (!restored.isEmpty()) {
                options.log().info("restored " + restored.size() + (restored.size() == 1 ? " job" : " jobs")
                        + " from " + options.stateDir().get());
            }
        }
        ReportRetention retention = ReportRetention.of(options, persistence);
        JobReports reports = new JobReports(registry, retention.reports());
        // Progress log, report files and the streams' coalesced Acks.
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "skewguard-collector-ticks");
            thread.setDaemon(true);
            return thread;
        });
        PendingReportBytes pendingReports = new PendingReportBytes(options.limits().maxPendingReportBytes());
        CollectorHealth health = new CollectorHealth();
        Server server;
        try {
            server = GrpcServer.build(options, new CollectorService(registry, options.maxMessageBytes(), ticks,
                    pendingReports, reports), health);
        } catch (IOException e) {
            ticks.shutdownNow();
            throw e;
        }
        try {
            server.start();
        } catch (IOException e) {
            ticks.shutdownNow();
            closeIfOpen(persistence);
            throw new IOException("cannot listen on " + options.bind() + ":" + options.port() + ": "
                    + rootMessage(e), e);
        }
        MetricsEndpoint metrics = null;
        if (options.metricsPort().isPresent()) {
            try {
                var metricsRegistry = Metrics.registry(registry, options.metricsTopClasses());
                if (webhook != null) {
                    AlertMetrics.register(metricsRegistry, webhook);
                }
                metrics = MetricsEndpoint.start(options, metricsRegistry, health.healthzHandler());
            } catch (IOException e) {
                server.shutdownNow();
                ticks.shutdownNow();
                closeIfOpen(persistence);
                throw new IOException("cannot serve metrics on " + options.bind() + ":"
                        + options.metricsPort().get() + ": " + rootMessage(e), e);
            }
        }
        DashboardServer dashboard = null;
        if (options.httpPort().isPresent()) {
            try {
                dashboard = DashboardServer.start(options.bind(), options.httpPort().get(),
                        options.tls().orElse(null), options.tokens().orElse(null), new DashboardView(registry, reports),
                        health.healthzHandler());
            } catch (IOException e) {
                if (metrics != null) {
                    metrics.close();
                }
                server.shutdownNow();
                ticks.shutdownNow();
                closeIfOpen(persistence);
                throw new IOException("cannot serve the dashboard on " + options.bind() + ":"
                        + options.httpPort().get() + ": " + rootMessage(e), e);
            }
        }
        registry.listeningOn(options.bind() + ":" + server.getPort());
        CollectorServer collector = new CollectorServer(options, registry, reportFiles, server, ticks, metrics,
                dashboard, persistence, pendingReports, health, retention);
        collector.webhook = webhook;
        collector.rulesReloader = PeriodicTasks.schedule(options, ticks, registry, reportFiles,
                collector.configurationErrors, retention);
        health.listening();
        return collector;
    }

    private static void closeIfOpen(JobPersistence persistence) {
        if (persistence != null) {
            persistence.close();
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** Reloads the rules file now (serve on SIGHUP), if the collector has one; jobs running keep theirs. */
    public void reloadRules() {
        RulesFileReloader reloader = rulesReloader;
        if (reloader != null) {
            reloader.reload();
        }
    }

    /** The port the collector listens on (the chosen one when started with port 0). */
    public int port() {
        return server.getPort();
    }

    /** Bytes of GetReport answers sent and not yet read by their clients (see {@link Limits}). */
    long pendingReportBytes() {
        return pendingReports.pending();
    }

    /** Jobs held in memory now (see {@link Limits#maxJobs()}). */
    int jobsHeld() {
        return registry.jobs().size();
    }

    /** The port Prometheus metrics are served on, if they are. */
    public Optional<Integer> metricsPort() {
        return Optional.ofNullable(metrics).map(MetricsEndpoint::port);
    }

    /** The collector's health (gRPC health service, /healthz), to mount /healthz on another HTTP port. */
    public CollectorHealth health() {
        return health;
    }

    /** The port the dashboard is served on, if it is. */
    public Optional<Integer> httpPort() {
        return Optional.ofNullable(dashboard).map(DashboardServer::port);
    }

    /**
     * The current report of a job held in memory as JSON (the same document GetReport returns), if it is held;
     * GetReport also answers for a job that left memory and is kept ({@link ServerOptions#reportRetention()}).
     */
    public Optional<String> reportJson(String jobId) {
        return registry.find(jobId).map(Job::reportJson);
    }

    /**
     * Completes with the exit status (0 no issue found, 1 triggered) once the collector is done: in sidecar mode
     * ({@link ServerOptions#exitWhenDone()}) when the job is, once the {@link ServerOptions#idleTimeout()} passed
     * (then {@link #EXIT_NO_AGENT} if no agent ever connected), and in any mode when the collector is closed.
     */
    public CompletableFuture<Integer> done() {
        return registry.done();
    }

    /** 0 if no job's rule fired, 1 if one did. */
    public int exitStatus() {
        return registry.exitStatus();
    }

    /**
     * What the collector did, in words, for its last line: "2 jobs, 1,234 batches counted, 1 triggered; 2 reports
     * written to DIR".
     */
    public String summary() {
        return FinalSummary.of(registry.jobs(), reportFiles);
    }

    /** Blocks until the server has terminated (after {@link #close()}, from another thread). */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /**
     * Stops accepting calls, ends every open stream with UNAVAILABLE, writes every job's final report and stops,
     * within a few seconds. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        health.shuttingDown(); // probes and health watchers see NOT_SERVING before the ports close
        registry.closing();
        server.shutdown();
        for (AgentConnection stream : registry.openStreams()) {
            stream.shutDown();
        }
        ticks.shutdownNow();
        configurationErrors.check(registry.jobs());
        if (metrics != null) {
            metrics.close();
        }
        if (dashboard != null) {
            dashboard.close();
        }
        if (webhook != null) {
            webhook.close(); // what the last batches triggered goes out, within its drain time
        }
        closeIfOpen(persistence); // the last commit: what the streams counted before they were shut
        if (reportFiles != null) {
            reportFiles.writeChanged(registry.jobs());
        }
        try {
            if (!server.awaitTermination(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
