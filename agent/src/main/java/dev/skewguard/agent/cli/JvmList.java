package dev.skewguard.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.skewguard.agent.LoadedAgent;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The JVMs {@code attach} can reach: those of this user that publish performance data (the JDK's default), as
 * {@code jcmd -l} lists them, with whether each has skewguard's agent already (read from its system properties
 * through the Attach API; a JVM that does not answer within {@link #ASK_MILLIS}, or that the API's signal would end
 * ({@link QuitSignal}), shows {@code ?}).
 */
final class JvmList {
    /** How long the whole list waits for the JVMs to say whether they have the agent. */
    static final long ASK_MILLIS = 5000;
    private static final int MAX_NAME = 120;

    private JvmList() {
    }

    static int print(PrintStream out) {
        long self = ProcessHandle.current().pid();
        List<VirtualMachineDescriptor> jvms = new ArrayList<>();
        for (VirtualMachineDescriptor jvm : VirtualMachine.list()) {
            if (!jvm.id().equals(Long.toString(self))) {
                jvms.add(jvm);
            }
        }
        if (jvms.isEmpty()) {
            out.println("no other JVM of this user found (JVMs started with -XX:-UsePerfData are not listed; "
                    + "attach takes their pid all the same)");
            return AgentCommand.OK;
        }
        ExecutorService asking = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "skewguard-list");
            t.setDaemon(true);
            return t;
        });
        List<Future<String>> answers = new ArrayList<>();
        for (VirtualMachineDescriptor jvm : jvms) {
            answers.add(asking.submit(() -> agentState(jvm)));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ASK_MILLIS);
        out.printf("%-8s %-10s %s%n", "PID", "SKEWGUARD", "MAIN CLASS AND ARGUMENTS");
        for (int i = 0; i < jvms.size(); i++) {
            String state;
            try {
                state = answers.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                state = "?";
            }
            out.printf("%-8s %-10s %s%n", jvms.get(i).id(), state, shortened(jvms.get(i).displayName()));
        }
        asking.shutdownNow();
        return AgentCommand.OK;
    }

    /** {@code attached} or {@code at start} when the JVM has the agent, {@code -} when not, {@code ?} unknown. */
    private static String agentState(VirtualMachineDescriptor jvm) {
        try {
            if (!QuitSignal.safeToAttach(Long.parseLong(jvm.id()))) {
                return "?"; // asking it would send it a signal that ends it (-Xrs)
            }
            VirtualMachine vm = VirtualMachine.attach(jvm);
            try {
                return state(vm.getSystemProperties().getProperty(LoadedAgent.PROPERTY));
            } finally {
                vm.detach();
            }
        } catch (Exception e) {
            return "?";
        }
    }

    /** The column for a value of {@link LoadedAgent#PROPERTY} (null: no agent). */
    static String state(String loaded) {
        if (loaded == null) {
            return "-";
        }
        return loaded.startsWith(LoadedAgent.ATTACHED) ? LoadedAgent.ATTACHED
                : loaded.startsWith(LoadedAgent.AT_START) ? LoadedAgent.AT_START : "yes";
    }

    private static String shortened(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME - 3) + "...";
    }
}
