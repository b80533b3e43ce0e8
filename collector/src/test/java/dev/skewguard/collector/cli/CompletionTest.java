package dev.skewguard.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code generate-completion} prints a bash/zsh completion script that knows every subcommand and option. */
class CompletionTest {
    @Test
    void scriptNamesEverySubcommandAndOption() {
        CommandLine cl = CollectorMain.commandLine(new ByteArrayInputStream(new byte[0]));
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("generate-completion"));
        String script = out.toString();

        assertTrue(script.startsWith("#!/usr/bin/env bash"), script.lines().findFirst().orElse(""));
        assertTrue(script.contains("complete -F _complete_skewguard-collector"), "registers the command");
        List<String> missing = new ArrayList<>();
        for (String sub : List.of("evaluate", "serve", "probe")) {
            CommandLine subcommand = cl.getSubcommands().get(sub);
            if (!script.contains(sub)) {
                missing.add(sub);
            }
            for (OptionSpec option : subcommand.getCommandSpec().options()) {
                for (String name : option.names()) {
                    if (!script.contains(name)) {
                        missing.add(sub + " " + name);
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "not in the completion script");
        // Values complete too, as they are written: --action takes log or stop.
        assertTrue(script.contains("=(\"log\" \"stop\") # --action values"), "serve --action's values");
    }
}
