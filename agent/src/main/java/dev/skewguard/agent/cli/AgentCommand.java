package dev.skewguard.agent.cli;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.AgentVersion;
import java.io.File;
import java.io.PrintStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar skewguard-agent.jar}: the jar's Main-Class, a small command beside the agent. {@code attach <pid>
 * [options]} loads the agent into a running JVM, {@code list} shows the JVMs it can attach to, {@code help} (or no
 * argument) prints the usage. Every mistake is one {@code [skewguard] WARN} line and a non-zero exit status. The
 * agent's entry point ({@code SkewguardAgent}) never names this package: a JVM that runs the agent never loads it.
 */
public final class AgentCommand {
    static final int OK = 0;
    /** The command could not do what was asked: no such process, attach refused, the agent did not start. */
    static final int FAILED = 1;
    /** The command line is wrong: an unknown command, a bad pid, options the agent would not take. */
    static final int USAGE = 2;

    private AgentCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, ownJar()));
    }

    /** Runs the command; {@code agentJar} is the jar to attach (null: not run from the agent's jar). */
    static int run(String[] args, PrintStream out, Path agentJar) {
        CommandArgs parsed = CommandArgs.parse(args);
        if (parsed.problem() != null) {
            AgentLog.warn(parsed.problem());
            return USAGE;
        }
        switch (parsed.command()) {
            case HELP:
                out.print(usage());
                return OK;
            case NONE:
                out.print(usage());
                return USAGE;
            case LIST:
                return attachApiPresent() ? JvmList.print(out) : FAILED;
            default:
                return attach(parsed, agentJar);
        }
    }

    private static int attach(CommandArgs parsed, Path agentJar) {
        List<String> problems = OptionCheck.problems(parsed.options());
        if (!problems.isEmpty()) {
            for (String problem : problems) {
                AgentLog.warn("attach: " + problem + "; nothing was attached");
            }
            return USAGE;
        }
        if (agentJar == null) {
            AgentLog.warn("attach must run from the agent's jar: java -jar skewguard-agent.jar attach <pid> ...");
            return FAILED;
        }
        return attachApiPresent() ? Attacher.attach(parsed.pid(), parsed.options(), agentJar) : FAILED;
    }

    /** Whether this Java runtime has the Attach API (a JRE made with jlink may not); if not, says so. */
    private static boolean attachApiPresent() {
        if (ModuleLayer.boot().findModule("jdk.attach").isPresent()) {
            return true;
        }
        AgentLog.warn("this Java runtime (" + System.getProperty("java.home") + ") has no jdk.attach module: run "
                + "the command with a JDK's java (the JVM it attaches to may be a JRE)");
        return false;
    }

    static String usage() {
        return "skewguard agent " + AgentVersion.version() + "\n"
                + "\n"
                + "As an agent:  java -javaagent:skewguard-agent.jar[=options] ... (see docs/agent.md)\n"
                + "\n"
                + "Commands:\n"
                + "  java -jar skewguard-agent.jar attach <pid> [options]\n"
                + "      loads the agent into the running JVM <pid> (the Attach API); it captures the batches\n"
                + "      from then on. options as for -javaagent, e.g. endpoint=127.0.0.1:4910,job=my-job\n"
                + "      (several arguments are joined with commas). Exit status 0 attached, 1 it could not\n"
                + "      attach, 2 bad usage or options.\n"
                + "  java -jar skewguard-agent.jar list\n"
                + "      the JVMs of this user it can attach to: pid, whether they have the agent, main class.\n"
                + "  java -jar skewguard-agent.jar help\n"
                + "      this text.\n";
    }

    /** The jar this class came from, or null. */
    private static Path ownJar() {
        try {
            URL location = AgentCommand.class.getProtectionDomain().getCodeSource().getLocation();
            File file = new File(location.toURI());
            return file.isFile() ? file.toPath().toAbsolutePath() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
