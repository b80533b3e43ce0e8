package dev.skewguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The command line of {@code java -jar skewguard-agent.jar}: what each form means, and one line per mistake. */
class CommandArgsTest {
    @Test
    void attachTakesAPidAndTheOptionsAsOneArgumentOrSeveral() {
        CommandArgs one = CommandArgs.parse("attach", "4242", "endpoint=127.0.0.1:4910,job=j1");
        assertEquals(CommandArgs.Command.ATTACH, one.command());
        assertEquals(4242, one.pid());
        assertEquals("endpoint=127.0.0.1:4910,job=j1", one.options());
        assertNull(one.problem());

        CommandArgs several = CommandArgs.parse("attach", " 4242 ", "endpoint=127.0.0.1:4910", "job=j1", " ");
        assertEquals(4242, several.pid());
        assertEquals("endpoint=127.0.0.1:4910,job=j1", several.options());
    }

    @Test
    void attachWithoutOptionsPassesNone() {
        CommandArgs parsed = CommandArgs.parse("ATTACH", "7");
        assertEquals(CommandArgs.Command.ATTACH, parsed.command());
        assertNull(parsed.options());
    }

    @Test
    void aMissingOrBadPidIsOneLineSayingWhatToWrite() {
        assertTrue(CommandArgs.parse("attach").problem().contains("attach needs the process id"));
        for (String bad : new String[] {"abc", "0", "-5", "12.5", "endpoint=x:1"}) {
            CommandArgs parsed = CommandArgs.parse("attach", bad, "job=j1");
            assertEquals(CommandArgs.Command.NONE, parsed.command(), bad);
            assertTrue(parsed.problem().startsWith("'" + bad + "' is not a process id")
                    && parsed.problem().contains("attach <pid> [options]") && !parsed.problem().contains("\n"),
                    parsed.problem());
        }
    }

    @Test
    void listHelpAndNothing() {
        assertEquals(CommandArgs.Command.LIST, CommandArgs.parse("list").command());
        assertTrue(CommandArgs.parse("list", "extra").problem().contains("list takes no arguments"));
        for (String help : new String[] {"help", "-h", "--help"}) {
            assertEquals(CommandArgs.Command.HELP, CommandArgs.parse(help).command(), help);
        }
        CommandArgs none = CommandArgs.parse();
        assertEquals(CommandArgs.Command.NONE, none.command());
        assertNull(none.problem());
    }

    @Test
    void anUnknownCommandNamesTheKnownOnes() {
        String problem = CommandArgs.parse("atach", "12").problem();
        assertEquals("unknown command 'atach': expected attach <pid> [options], list or help", problem);
    }
}
