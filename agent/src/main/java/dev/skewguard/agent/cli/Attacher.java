package dev.skewguard.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.LoadedAgent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Loads the agent into a running JVM through the Attach API ({@code com.sun.tools.attach}, module jdk.attach), as
 * {@code jcmd <pid> JVMTI.agent_load} would but with the options passed whole. Before loading it checks that the
 * process is a JVM this user may attach to, that it runs Java 17 or newer and that it has no agent of skewguard yet;
 * after, that the agent started (it sets {@link LoadedAgent#PROPERTY} in the target). Every failure is one line.
 */
final class Attacher {
    private Attacher() {
    }

    /** Attaches the agent at {@code agentJar} to {@code pid} with {@code options} (null: none); the exit status. */
    static int attach(long pid, String options, Path agentJar) {
        if (pid == ProcessHandle.current().pid()) {
            return failed("pid " + pid + " is this command itself: give the pid of the training JVM (list shows "
                    + "them)");
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return failed("no process with pid " + pid + ": give the pid of a running JVM (list shows them)");
        }
        if (!QuitSignal.safeToAttach(pid)) {
            return failed("pid " + pid + " is not a JVM the Attach API can reach: it does not catch SIGQUIT, which the "
                    + "API sends to wake a JVM's attach listener (a JVM started with -Xrs, or not a JVM); nothing was "
                    + "sent to it");
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException | RuntimeException e) {
            return failed("cannot attach to pid " + pid + " (" + AgentLog.describe(e) + "): it must be a JVM run by "
                    + "this user, started without -XX:+DisableAttachMechanism");
        }
        try {
            Properties before = vm.getSystemProperties();
            String loaded = before.getProperty(LoadedAgent.PROPERTY);
            if (loaded != null) {
                return failed("pid " + pid + " has the agent already (" + loaded + "); it loads once per JVM: "
                        + "restart the JVM to change its options");
            }
            int feature = featureVersion(before.getProperty("java.specification.version"));
            if (feature > 0 && feature < 17) {
                return failed("pid " + pid + " runs Java " + before.getProperty("java.specification.version")
                        + "; the agent needs Java 17 or newer");
            }
            vm.loadAgent(agentJar.toString(), options);
            String now = vm.getSystemProperties().getProperty(LoadedAgent.PROPERTY);
            if (now == null) {
                return failed("the agent did not start in pid " + pid + ": its reason is on that JVM's standard "
                        + "error");
            }
            AgentLog.info("attached to pid " + pid + ": " + now + "; it captures the batches from now on");
            return AgentCommand.OK;
        } catch (AgentLoadException | AgentInitializationException | IOException | RuntimeException e) {
            String why = AgentLog.describe(e);
            return failed("pid " + pid + " did not load the agent (" + why + ")"
                    + (why.contains("EnableDynamicAgentLoading") ? ": start that JVM with -javaagent instead (or with"
                    + " -XX:+EnableDynamicAgentLoading)" : ": more may be on that JVM's standard error"));
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the target may have ended meanwhile
            }
        }
    }

    /** 17 for "17", 8 for "1.8"; 0 when unknown. */
    static int featureVersion(String specification) {
        if (specification == null) {
            return 0;
        }
        try {
            String v = specification.startsWith("1.") ? specification.substring(2) : specification;
            int dot = v.indexOf('.');
            return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int failed(String line) {
        AgentLog.warn(line);
        return AgentCommand.FAILED;
    }
}
