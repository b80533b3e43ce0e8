package dev.skewguard.collector.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.cli.CollectorMain;
import dev.skewguard.collector.deploy.RepositoryFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** docs/collector.md documents every option of the collector's command line, with the defaults the code has. */
class CollectorDocsTest {
    private static final CommandLine COMMAND_LINE = CollectorMain.commandLine(new ByteArrayInputStream(new byte[0]));

    private static String doc() throws IOException {
        return Files.readString(RepositoryFiles.resolve("docs/collector.md"));
    }

    @Test
    void everySubcommandAndOptionIsDocumented() throws IOException {
        String doc = doc();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, CommandLine> sub : COMMAND_LINE.getSubcommands().entrySet()) {
            if (!doc.contains("`" + sub.getKey())) {
                missing.add(sub.getKey());
            }
            for (OptionSpec option : sub.getValue().getCommandSpec().options()) {
                for (String name : option.names()) {
                    if (name.startsWith("--") && !doc.contains("`" + name)) {
                        missing.add(sub.getKey() + " " + name);
                    }
                }
            }
        }
        assertTrue(COMMAND_LINE.getSubcommands().keySet().containsAll(List.of("evaluate", "serve", "probe",
                "generate-completion")), "subcommands " + COMMAND_LINE.getSubcommands().keySet());
        assertEquals(List.of(), missing, "not in docs/collector.md");
    }

    /** Each option table row ({@code | `--name ...` | default | ...}) gives the default the option declares. */
    @Test
    void tablesGiveTheDeclaredDefaults() throws IOException {
        String doc = doc();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String sub : List.of("serve", "probe")) {
            for (OptionSpec option : COMMAND_LINE.getSubcommands().get(sub).getCommandSpec().options()) {
                String declared = option.defaultValue();
                if (declared == null || option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                String name = option.longestName();
                String row = doc.lines().filter(l -> l.startsWith("| `" + name + " ") || l.startsWith("| `" + name
                        + "`")).filter(l -> rowOf(l, sub, doc)).findFirst().orElse(null);
                if (row == null) {
                    wrong.add(sub + " " + name + ": no table row");
                    continue;
                }
                String documented = row.split("(?<!\\\\)\\|")[2].strip();
                checked++;
                if (!documented.equals(declared) && !documented.startsWith(declared + " ")) {
                    wrong.add(sub + " " + name + ": documented " + documented + ", declared " + declared);
                }
            }
        }
        assertTrue(checked >= 14, "rows checked: " + checked);
        assertEquals(List.of(), wrong);
    }

    /** Whether a table row lies in the section of {@code sub} ({@code probe} has a table of its own). */
    private static boolean rowOf(String row, String sub, String doc) {
        int probeSection = doc.indexOf("## `probe`");
        boolean inProbe = doc.indexOf(row) > probeSection;
        return sub.equals("probe") == inProbe;
    }
}
