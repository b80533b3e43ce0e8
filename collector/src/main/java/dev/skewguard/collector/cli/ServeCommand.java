package dev.skewguard.collector.cli;

import dev.skewguard.collector.metrics.TopClasses;
import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.security.Exposure;
import dev.skewguard.collector.security.ServerTls;
import dev.skewguard.collector.params.ParameterRules;
import dev.skewguard.collector.security.TokensFile;
import dev.skewguard.collector.options.Action;
import dev.skewguard.collector.server.CollectorServer;
import dev.skewguard.collector.options.ServerOptions;
import dev.skewguard.collector.logging.CollectorLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code serve}: runs the collector that training jobs' agents stream to. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = CollectorVersion.class,
        description = {"Runs the collector: agents of training jobs stream their labels and predictions to it; it "
                + "evaluates the ClassImbalance rule over every worker of each job, reports, and can stop the job.",
                "Exit status: 0 no issue found, 1 the rule triggered (also when stopped by SIGTERM or Ctrl-C); 2 bad "
                        + "usage, the address cannot be bound or the report directory cannot be written; 4 no agent "
                        + "connected within --idle-timeout."})
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    PatienceOptions patienceOptions;

    @Mixin
    LimitOptions limitOptions;

    @Mixin
    WebhookOptions webhookOptions;

    @Option(names = "--port", defaultValue = "" + ServerOptions.DEFAULT_PORT, paramLabel = "PORT",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = ServerOptions.DEFAULT_BIND, paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all).")
    String bind;

    @Option(names = "--action", defaultValue = "log", paramLabel = "log|stop", converter = ActionConverter.class,
            completionCandidates = ActionNames.class,
            description = "When a job's rule fires and keeps firing over its patience: log (report only, the "
                    + "default) or stop (send Stop to every agent of the job, including those that connect later).")
    Action action;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Write one JSON report per job here (<job>.json), rewritten atomically when it changes.")
    Path reportDir;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Keep every job's rule state and each worker instance's counted sequence here (an H2 "
                    + "MVStore file, committed in groups every few ms): a collector killed at any moment and "
                    + "restarted with the same state dir continues every job, each batch counted exactly once. "
                    + "One collector per state dir.")
    Path stateDir;

    @Option(names = "--report-retention", defaultValue = "7d", paramLabel = "DURATION",
            converter = RetentionConverter.class,
            description = "A job that left memory still answers GetReport and the dashboard this long after it left "
                    + "(default: ${DEFAULT-VALUE}; 36h, 90m, 45s): from --state-dir, which then forgets it, "
                    + "or else from its --report-dir file.")
    Duration reportRetention;

    @Option(names = "--exit-when-done",
            description = "Sidecar mode: exit once every agent has said Goodbye or gone, or once a check held over "
                    + "its patience (and, with --action stop, the Stop was sent); exit status 0 no issue, 1 "
                    + "triggered.")
    boolean exitWhenDone;

    @Option(names = "--idle-timeout", defaultValue = "0", paramLabel = "SECONDS",
            description = "Exit once no agent has been connected for SECONDS (counted from the start, and from when "
                    + "the last agent left); exit status 4 if no agent ever connected. 0 (the default): never.")
    long idleTimeoutSeconds;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Option(names = "--max-message-bytes", defaultValue = "" + ServerOptions.DEFAULT_MAX_MESSAGE_BYTES,
            paramLabel = "BYTES", description = "Largest message accepted (default: ${DEFAULT-VALUE}, 16 MiB); a "
                    + "larger one fails its stream with RESOURCE_EXHAUSTED.")
    int maxMessageBytes;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics per job on this port (on the --bind address, path /metrics; "
                    + "/healthz for probes, without a token); "
                    + "off by default.")
    Integer metricsPort;

    @Option(names = "--metrics-top-classes", defaultValue = "" + TopClasses.DEFAULT_K, paramLabel = "K",
            description = "Per-class metric series for at most K classes per job and mode (default: "
                    + "${DEFAULT-VALUE}, at most " + TopClasses.MAX_K + "); the other classes are summed as "
                    + "class=\"other\".")
    int metricsTopClasses;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Serve the dashboard on this port (on the --bind address, path /; JSON at /api/jobs); off "
                    + "by default.")
    Integer httpPort;

    @Option(names = "--tls-cert", paramLabel = "PEM",
            description = "TLS on both ports with this certificate chain (PEM); needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The private key of --tls-cert (PEM, PKCS#8 or "
            + "PKCS#1).")
    Path tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "PEM",
            description = "Mutual TLS: clients must present a certificate signed by this CA (PEM).")
    Path tlsClientCa;

    @Option(names = "--tokens-file", paramLabel = "FILE",
            description = "Callers must send a bearer token listed here, one '<token> <job-pattern>[,...]' per line "
                    + "(* matches any run of characters); a token touches only the jobs its patterns match.")
    Path tokensFile;

    @Option(names = "--rules-file", paramLabel = "FILE",
            description = "Per-job parameters: JSON entries mapping job-id patterns (as --tokens-file) to parameter "
                    + "values and the parameters a job may set itself; first match wins. Reloaded on change and on "
                    + "SIGHUP: jobs that start afterwards get the new rules, running jobs keep theirs.")
    Path rulesFile;

    @Option(names = "--insecure",
            description = "Allow a --bind beyond this machine without TLS and tokens (refused otherwise).")
    boolean insecure;

    @Spec
    CommandSpec spec;

    private final Consumer<CollectorServer> onStart;
    private final CollectorLog log;
    private final boolean haltWithStatusAtSignal;

    public ServeCommand() {
        this(server -> { }, CollectorLog.slf4j(), true);
    }

    /**
     * For tests that run the command in-process: {@code onStart} gets the running collector, {@code log} its lines;
     * a signal does not end the JVM with the collector's status.
     */
    ServeCommand(Consumer<CollectorServer> onStart, CollectorLog log) {
        this(onStart, log, false);
    }

    private ServeCommand(Consumer<CollectorServer> onStart, CollectorLog log, boolean haltWithStatusAtSignal) {
        this.onStart = onStart;
        this.log = log;
        this.haltWithStatusAtSignal = haltWithStatusAtSignal;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerOptions options = options();
        TransportLogging.toSlf4j();
        CollectorServer server;
        try {
            server = CollectorServer.start(options);
        } catch (IOException e) {
            log.error(e.getMessage());
            return CollectorMain.EXIT_USAGE;
        }
        log.info("collector listening on " + bind + ":" + server.port() + " (" + security(options) + ", action "
                + action.jsonName() + ", max message " + maxMessageBytes + " bytes"
                + (reportDir != null ? ", reports in " + reportDir : "")
                + (stateDir != null ? ", state in " + stateDir : "")
                + (rulesFile != null ? ", rules from " + rulesFile : "")
                + server.metricsPort().map(p -> ", metrics on " + (tlsCert != null ? "https" : "http") + "://"
                        + bind + ":" + p + "/metrics and /healthz").orElse("")
                + server.httpPort().map(p -> ", dashboard on " + (tlsCert != null ? "https" : "http") + "://"
                        + bind + ":" + p + "/").orElse("")
                + webhookOptions.describe()
                + (idleTimeoutSeconds > 0 ? ", idle timeout " + idleTimeoutSeconds + " s" : "")
                + ")");
        Thread hook = new Thread(() -> stoppedBySignal(server), "skewguard-collector-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int status;
        try {
            if (rulesFile != null && haltWithStatusAtSignal) {
                ReloadSignal.install(server, log);
            }
            onStart.accept(server);
            status = server.done().get();
        } catch (InterruptedException | RuntimeException e) {
            if (removeHook(hook)) {
                server.close();
            }
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // done() never completes exceptionally
        }
        if (!removeHook(hook)) {
            // A signal is ending the JVM: the hook closes the collector, says the last line and sets the status.
            return status;
        }
        server.close();
        log.info("exiting: " + server.summary() + "; exit status " + status);
        return status;
    }

    private static String security(ServerOptions options) {
        String tls = options.tls().map(t -> t.mutual() ? "mutual TLS" : "TLS").orElse("plaintext");
        return tls + (options.tokens().isPresent() ? ", tokens required" : ", no tokens");
    }

    /** SIGTERM or Ctrl-C: close as docs/collector.md says, say the last line, exit with the collector's status. */
    private void stoppedBySignal(CollectorServer server) {
        server.close();
        int status = server.exitStatus();
        log.info("stopped by a signal (SIGTERM or Ctrl-C): " + server.summary() + "; exit status " + status);
        if (haltWithStatusAtSignal) {
            Runtime.getRuntime().halt(status);
        }
    }

    /** False when the JVM is already shutting down (the hook runs or has run). */
    private static boolean removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    private ServerOptions options() {
        try {
            if (idleTimeoutSeconds < 0) {
                throw new IllegalArgumentException("--idle-timeout must be 0 (never) or a number of seconds, got "
                        + idleTimeoutSeconds);
            }
            if (metricsTopClasses < 1 || metricsTopClasses > TopClasses.MAX_K) {
                throw new IllegalArgumentException("--metrics-top-classes must be 1.." + TopClasses.MAX_K
                        + " (classes per job and mode with their own series), got " + metricsTopClasses);
            }
            RuleParameters parameters = ruleOptions.toParameters();
            if ((tlsCert == null) != (tlsKey == null)) {
                throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both (PEM files) for "
                        + "TLS, or neither");
            }
            if (tlsClientCa != null && tlsCert == null) {
                throw new IllegalArgumentException("--tls-client-ca needs --tls-cert and --tls-key: mutual TLS is "
                        + "TLS first");
            }
            Exposure.check(bind, tlsCert != null, tokensFile != null, insecure);
            ServerTls tls = tlsCert != null ? ServerTls.of(tlsCert, tlsKey, tlsClientCa) : null;
            TokensFile tokens = tokensFile != null ? TokensFile.read(tokensFile) : null;
            return ServerOptions.builder()
                    .bind(bind)
                    .port(port)
                    .ruleParameters(parameters)
                    .patience(patienceOptions.toPatience())
                    .rules(rulesFile != null ? ParameterRules.read(rulesFile) : ParameterRules.NONE)
                    .action(action)
                    .reportDir(reportDir)
                    .stateDir(stateDir)
                    .reportRetention(reportRetention)
                    .exitWhenDone(exitWhenDone)
                    .idleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
                    .quiet(quiet)
                    .maxMessageBytes(maxMessageBytes)
                    .metricsPort(metricsPort)
                    .metricsTopClasses(metricsTopClasses)
                    .httpPort(httpPort)
                    .limits(limitOptions.toLimits())
                    .tls(tls)
                    .tokens(tokens)
                    .alertRoutes(webhookOptions.toRoutes())
                    .log(log)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The values shell completion offers for --action: as they are written, in lower case. */
    static final class ActionNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Action.values()).map(Action::jsonName).iterator();
        }
    }

    static final class ActionConverter implements CommandLine.ITypeConverter<Action> {
        @Override
        public Action convert(String value) {
            try {
                return Action.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
