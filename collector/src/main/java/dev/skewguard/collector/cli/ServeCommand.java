package dev.skewguard.collector.cli;

import dev.skewguard.collector.rule.RuleParameters;
import dev.skewguard.collector.server.Action;
import dev.skewguard.collector.server.CollectorServer;
import dev.skewguard.collector.server.ServerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the collector: agents of training jobs stream their labels and predictions to it; it "
                + "evaluates the ClassImbalance rule over every worker of each job, reports, and can stop the job.",
                "Exit status (with --exit-when-done): 0 no issue found, 1 the rule triggered; 2 bad usage or the "
                        + "address cannot be bound."})
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    PatienceOptions patienceOptions;

    @Option(names = "--port", defaultValue = "" + ServerOptions.DEFAULT_PORT, paramLabel = "PORT",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = ServerOptions.DEFAULT_BIND, paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all).")
    String bind;

    @Option(names = "--action", defaultValue = "log", paramLabel = "log|stop", converter = ActionConverter.class,
            description = "When a job's rule fires and keeps firing over its patience: log (report only, the "
                    + "default) or stop (send Stop to every agent of the job, including those that connect later).")
    Action action;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Write one JSON report per job here (<job>.json), rewritten atomically when it changes.")
    Path reportDir;

    @Option(names = "--exit-when-done",
            description = "Sidecar mode: exit once every agent has said Goodbye or gone, or once a check held over "
                    + "its patience (and, with --action stop, the Stop was sent); exit status 0 no issue, 1 "
                    + "triggered.")
    boolean exitWhenDone;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Option(names = "--max-message-bytes", defaultValue = "" + ServerOptions.DEFAULT_MAX_MESSAGE_BYTES,
            paramLabel = "BYTES", description = "Largest message accepted (default: ${DEFAULT-VALUE}, 16 MiB); a "
                    + "larger one fails its stream with RESOURCE_EXHAUSTED.")
    int maxMessageBytes;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics per job on this port (on the --bind address, path /metrics); "
                    + "off by default.")
    Integer metricsPort;

    @Spec
    CommandSpec spec;

    private final Consumer<CollectorServer> onStart;

    public ServeCommand() {
        this(server -> { });
    }

    /** For tests that run the command in-process: {@code onStart} gets the running collector. */
    ServeCommand(Consumer<CollectorServer> onStart) {
        this.onStart = onStart;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ServerOptions options = options(err);
        TransportLogging.oneLinePerRecord();
        CollectorServer server;
        try {
            server = CollectorServer.start(options);
        } catch (IOException e) {
            err.println("skewguard: " + e.getMessage());
            err.flush();
            return 2;
        }
        err.println("skewguard: collector listening on " + bind + ":" + server.port() + " (action "
                + action.jsonName() + ", max message " + maxMessageBytes + " bytes"
                + (reportDir != null ? ", reports in " + reportDir : "")
                + server.metricsPort().map(p -> ", metrics on http://" + bind + ":" + p + "/metrics").orElse("")
                + ")");
        err.flush();
        Thread hook = new Thread(server::close, "skewguard-collector-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            onStart.accept(server);
            if (exitWhenDone) {
                return server.done().get();
            }
            server.awaitTermination();
            return server.exitStatus();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing to remove
            }
        }
    }

    private ServerOptions options(PrintWriter err) {
        try {
            RuleParameters parameters = ruleOptions.toParameters();
            return ServerOptions.builder()
                    .bind(bind)
                    .port(port)
                    .ruleParameters(parameters)
                    .patience(patienceOptions.toPatience())
                    .action(action)
                    .reportDir(reportDir)
                    .exitWhenDone(exitWhenDone)
                    .quiet(quiet)
                    .maxMessageBytes(maxMessageBytes)
                    .metricsPort(metricsPort)
                    .log(line -> {
                        err.println(line);
                        err.flush();
                    })
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
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
