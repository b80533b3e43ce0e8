package dev.skewguard.collector.cli;

import dev.skewguard.collector.server.CollectorServer;
import java.io.InputStream;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar skewguard-collector.jar <subcommand>}: the collector's command line. */
@Command(name = "skewguard-collector", mixinStandardHelpOptions = true, versionProvider = CollectorVersion.class,
        description = "Evaluates the ClassImbalance rule over the labels and predictions of training jobs.",
        subcommands = {EvaluateCommand.class, ServeCommand.class, ProbeCommand.class,
                AutoComplete.GenerateCompletion.class})
public final class CollectorMain implements Runnable {
    /** Exit status: no issue found. */
    public static final int EXIT_OK = 0;
    /** Exit status: the rule triggered. */
    public static final int EXIT_TRIGGERED = 1;
    /** Exit status: bad usage or unreadable input. */
    public static final int EXIT_USAGE = 2;
    /** Exit status of {@code evaluate}: no tensor name matched the regexes, so nothing was evaluated. */
    public static final int EXIT_NOTHING_MATCHED = 3;
    /** Exit status of {@code serve}: --idle-timeout passed and no agent ever connected. */
    public static final int EXIT_NO_AGENT = CollectorServer.EXIT_NO_AGENT;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(System.in).execute(args));
    }

    /**
     * The command line, with standard input {@code stdin} (for {@code evaluate -}). Usage errors print one line
     * to standard error and give {@link #EXIT_USAGE}; so do unexpected errors, without a stack trace.
     */
    public static CommandLine commandLine(InputStream stdin) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cl = new CommandLine(new CollectorMain(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == EvaluateCommand.class) {
                    return type.cast(new EvaluateCommand(stdin));
                }
                return defaults.create(type);
            }
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println(failed.getCommandSpec().qualifiedName() + ": " + ex.getMessage()
                    + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            PrintWriter err = failed.getErr();
            err.println(failed.getCommandSpec().qualifiedName() + ": error: " + ex);
            err.flush();
            return EXIT_USAGE;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (evaluate, serve, probe or generate-completion)");
    }
}
