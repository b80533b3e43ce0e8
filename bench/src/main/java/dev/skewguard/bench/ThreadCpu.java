package dev.skewguard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time (user + system) of a child JVM by thread group, read from Linux's {@code /proc/PID/task/TID/stat}, and
 * of the collector's threads inside this JVM: where the time a run adds goes. Elsewhere than Linux the child's
 * figures are empty and the tables say "-".
 */
final class ThreadCpu {
    /** Linux reports thread times in clock ticks of USER_HZ, which is 100 on x86 and ARM. */
    private static final double TICKS_PER_SECOND = 100;

    /** Thread groups of a JVM, by thread name (the kernel keeps the first 15 characters). */
    enum Group {
        AGENT,
        JIT,
        GC,
        /** The training (its native threads too), the JVM's other threads, and threads that ended unseen. */
        REST;

        static Group of(String threadName) {
            // OkHttp's reader renames the agent's skewguard-io thread while it reads ("OkHttpClientTransport", cut
            // to 15 characters in /proc).
            if (threadName.startsWith("skewguard-") || threadName.startsWith("OkHttpClientTra")) {
                return AGENT;
            }
            if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
                return JIT;
            }
            if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
                return GC;
            }
            return REST;
        }
    }

    private ThreadCpu() {
    }

    /**
     * Follows one process through repeated readings. A thread keeps the time it had at the last reading that saw it
     * (threads end: the JIT's when idle, the agent's at exit), and the process's own total (which counts ended
     * threads too) is the highest read; whatever the named groups do not account for is {@link Group#REST}.
     */
    static final class Tracker {
        private final long pid;
        private final Map<String, Double> threadSeconds = new HashMap<>();
        private final Map<String, Group> threadGroups = new HashMap<>();
        private double total = Double.NaN;

        Tracker(long pid) {
            this.pid = pid;
        }

        /** Reads the process once more; does nothing if /proc cannot tell (not Linux, or the process ended). */
        void read() {
            Path process = Path.of("/proc", Long.toString(pid));
            try (DirectoryStream<Path> threads = Files.newDirectoryStream(process.resolve("task"))) {
                double processTotal = cpuSeconds(Files.readString(process.resolve("stat")));
                for (Path thread : threads) {
                    try {
                        Group group = Group.of(Files.readString(thread.resolve("comm")).trim());
                        double cpu = cpuSeconds(Files.readString(thread.resolve("stat")));
                        String tid = thread.getFileName().toString();
                        threadGroups.put(tid, group);
                        threadSeconds.merge(tid, cpu, Math::max);
                    } catch (IOException | RuntimeException threadEnded) {
                        // ended between listing and reading: it keeps its time from the reading before
                    }
                }
                total = Double.isNaN(total) ? processTotal : Math.max(total, processTotal);
            } catch (IOException | RuntimeException notLinuxOrEnded) {
                // nothing to add
            }
        }

        /** Seconds per group over everything read; empty if nothing was. */
        Map<Group, Double> seconds() {
            Map<Group, Double> seconds = new EnumMap<>(Group.class);
            if (Double.isNaN(total)) {
                return seconds;
            }
            double named = 0;
            for (Map.Entry<String, Double> thread : threadSeconds.entrySet()) {
                Group group = threadGroups.get(thread.getKey());
                if (group != Group.REST) {
                    seconds.merge(group, thread.getValue(), Double::sum);
                    named += thread.getValue();
                }
            }
            seconds.put(Group.REST, Math.max(0, total - named));
            return seconds;
        }
    }

    /** utime + stime of a /proc stat line; after the name in parentheses, state is field 3, utime 14, stime 15. */
    private static double cpuSeconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** CPU seconds a whole process has used so far (its /proc stat), or NaN where /proc cannot tell. */
    static double ofProcess(long pid) {
        try {
            return cpuSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException notLinuxOrEnded) {
            return Double.NaN;
        }
    }

    /** The sum of {@link #ofProcess} over {@code processes}; NaN if any cannot be read. */
    static double ofProcesses(Iterable<Process> processes) {
        double sum = 0;
        for (Process p : processes) {
            sum += ofProcess(p.pid());
        }
        return sum;
    }

    /** The total of a sample, or NaN for an empty one. */
    static double total(Map<Group, Double> sample) {
        return sample.isEmpty() ? Double.NaN : sample.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** One group of a sample (0 if it had no such thread), or NaN for an empty sample. */
    static double of(Map<Group, Double> sample, Group group) {
        return sample.isEmpty() ? Double.NaN : sample.getOrDefault(group, 0.0);
    }

    /**
     * Seconds of CPU used so far by this JVM's threads whose names start with one of {@code prefixes} (an in-process
     * collector's: gRPC's and its own), as far as they are still alive.
     */
    static double inThisJvm(String... prefixes) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double nanos = 0;
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            for (String prefix : prefixes) {
                if (info.getThreadName().startsWith(prefix)) {
                    long cpu = mx.getThreadCpuTime(info.getThreadId());
                    nanos += Math.max(0, cpu);
                    break;
                }
            }
        }
        return nanos / 1e9;
    }
}
