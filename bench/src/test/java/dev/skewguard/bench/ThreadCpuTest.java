package dev.skewguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void groupsThreadsByTheNamesTheKernelKeeps() {
        assertEquals(ThreadCpu.Group.AGENT, ThreadCpu.Group.of("skewguard-sende"));
        assertEquals(ThreadCpu.Group.AGENT, ThreadCpu.Group.of("skewguard-io-1"));
        assertEquals(ThreadCpu.Group.AGENT, ThreadCpu.Group.of("OkHttpClientTra"), "the agent's reader, renamed");
        assertEquals(ThreadCpu.Group.JIT, ThreadCpu.Group.of("C2 CompilerThre"));
        assertEquals(ThreadCpu.Group.JIT, ThreadCpu.Group.of("C1 CompilerThre"));
        assertEquals(ThreadCpu.Group.GC, ThreadCpu.Group.of("GC Thread#1"));
        assertEquals(ThreadCpu.Group.GC, ThreadCpu.Group.of("G1 Conc#0"));
        assertEquals(ThreadCpu.Group.REST, ThreadCpu.Group.of("main"));
        assertEquals(ThreadCpu.Group.REST, ThreadCpu.Group.of("java"));
    }

    @Test
    void aThreadThatEndedKeepsTheTimeItWasLastSeenWith() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
        ThreadCpu.Tracker tracker = new ThreadCpu.Tracker(ProcessHandle.current().pid());
        tracker.read();
        Thread busy = new Thread(() -> burnCpuMillis(300), "skewguard-test");
        busy.start();
        busy.join();
        assertEquals(0.0, tracker.seconds().getOrDefault(ThreadCpu.Group.AGENT, 0.0), "not seen yet");

        CountDownLatch burned = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        Thread again = new Thread(() -> {
            burnCpuMillis(100);
            burned.countDown();
            awaitQuietly(read);
            burnCpuMillis(200);
        }, "skewguard-test2");
        again.start();
        burned.await();
        Path task = taskNamed("skewguard-test2");
        tracker.read();
        read.countDown();
        again.join();
        // The kernel may list a thread for a moment after Java's join returns: read once it no longer does.
        for (int i = 0; i < 500 && task != null && Files.exists(task); i++) {
            Thread.sleep(10);
        }
        tracker.read();
        Map<ThreadCpu.Group, Double> seconds = tracker.seconds();
        double agent = seconds.get(ThreadCpu.Group.AGENT);
        assertTrue(agent >= 0.08 && agent <= 0.2, "what the reading saw of skewguard-test2, not its 0.3 s: " + agent);
        assertTrue(seconds.get(ThreadCpu.Group.REST) >= 0.25,
                "skewguard-test ended unseen: its time is in the process's total, under the rest: " + seconds);
        assertEquals(ThreadCpu.total(seconds), seconds.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    @Test
    void nothingReadIsAnEmptyResult() {
        ThreadCpu.Tracker tracker = new ThreadCpu.Tracker(Long.MAX_VALUE);
        tracker.read();
        assertTrue(tracker.seconds().isEmpty());
        assertTrue(Double.isNaN(ThreadCpu.total(tracker.seconds())));
    }

    /** This process's /proc task directory of the live thread named {@code name}, or null. */
    private static Path taskNamed(String name) throws java.io.IOException {
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(task.resolve("comm")).trim().equals(name)) {
                        return task;
                    }
                } catch (java.io.IOException ended) {
                    // a thread that ended meanwhile
                }
            }
        }
        return null;
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void burnCpuMillis(long millis) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long until = mx.getCurrentThreadCpuTime() + millis * 1_000_000;
        long x = 0;
        while (mx.getCurrentThreadCpuTime() < until) {
            for (int i = 0; i < 10_000; i++) {
                x += i * 31L ^ x;
            }
        }
        if (x == 42) {
            System.out.println(x);
        }
    }
}
