package dev.skewguard.agent.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@code java -jar skewguard-agent.jar}: {@code attach <pid> [options]}, {@code list},
 * {@code help}. Parsing never prints: a mistake is one {@link #problem()} line, and the command exits with
 * {@link AgentCommand#USAGE}.
 */
final class CommandArgs {
    enum Command { ATTACH, LIST, HELP, NONE }

    private final Command command;
    private final long pid;
    private final String options;
    private final String problem;

    private CommandArgs(Command command, long pid, String options, String problem) {
        this.command = command;
        this.pid = pid;
        this.options = options;
        this.problem = problem;
    }

    /**
     * The options of {@code attach} may be one argument ({@code endpoint=host:4910,job=j1}) or several
     * ({@code endpoint=host:4910 job=j1}): several are joined with commas, as the agent argument takes them.
     */
    static CommandArgs parse(String... args) {
        if (args.length == 0) {
            return new CommandArgs(Command.NONE, 0, null, null);
        }
        String name = args[0].trim().toLowerCase(Locale.ROOT);
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (name) {
            case "help": case "-h": case "--help":
                return new CommandArgs(Command.HELP, 0, null, null);
            case "list":
                return rest.isEmpty() ? new CommandArgs(Command.LIST, 0, null, null)
                        : failed("list takes no arguments, got '" + String.join(" ", rest) + "'");
            case "attach":
                return attach(rest);
            default:
                return failed("unknown command '" + args[0] + "': expected attach <pid> [options], list or help");
        }
    }

    private static CommandArgs attach(List<String> rest) {
        if (rest.isEmpty()) {
            return failed("attach needs the process id of a running JVM: attach <pid> [options] (list shows them)");
        }
        String pidText = rest.get(0).trim();
        long pid;
        try {
            pid = Long.parseLong(pidText);
        } catch (NumberFormatException e) {
            pid = -1;
        }
        if (pid <= 0) {
            return failed("'" + pidText + "' is not a process id: write attach <pid> [options], e.g. attach 12345 "
                    + "endpoint=127.0.0.1:4910,job=my-job (list shows the JVMs)");
        }
        StringBuilder options = new StringBuilder();
        for (String piece : rest.subList(1, rest.size())) {
            if (piece.isBlank()) {
                continue;
            }
            if (options.length() > 0) {
                options.append(',');
            }
            options.append(piece.trim());
        }
        return new CommandArgs(Command.ATTACH, pid, options.length() == 0 ? null : options.toString(), null);
    }

    private static CommandArgs failed(String problem) {
        return new CommandArgs(Command.NONE, 0, null, problem);
    }

    Command command() {
        return command;
    }

    /** The process id for {@code attach}. */
    long pid() {
        return pid;
    }

    /** The agent options for {@code attach}, comma-separated; null when none were given. */
    String options() {
        return options;
    }

    /** What is wrong with the command line, or null. */
    String problem() {
        return problem;
    }
}
