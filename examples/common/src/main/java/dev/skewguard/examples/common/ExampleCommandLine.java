package dev.skewguard.examples.common;

import picocli.CommandLine;

/** Runs an example's picocli command the way every example does. */
public final class ExampleCommandLine {
    private ExampleCommandLine() {
    }

    /**
     * Executes {@code command} with {@code args} and returns its exit status. An exception thrown while training
     * (for example skewguard's agent stopping the job from inside a training step) is one line on standard error,
     * {@code <program>: training ended early: <exception>}, not a stack trace.
     */
    public static int execute(String program, Object command, String... args) {
        return new CommandLine(command)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println(program + ": training ended early: " + e);
                    return cmd.getCommandSpec().exitCodeOnExecutionException();
                })
                .execute(args);
    }
}
