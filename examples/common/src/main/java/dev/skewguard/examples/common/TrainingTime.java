package dev.skewguard.examples.common;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The timing line an example prints on standard error when its training completes, {@code time: training N ms, M ms
 * CPU on the training thread}: wall time, and the CPU time of the thread that trains (steadier than wall time on a
 * busy machine, and the figure bench/'s pinned training benchmark reads). On standard error, so that standard output
 * stays identical from run to run. Start it on the thread that trains, and print from that thread.
 */
public final class TrainingTime {
    private final long startedNanos = System.nanoTime();
    private final long startedCpuNanos = threadCpuNanos();

    private TrainingTime() {
    }

    /** Starts the clocks on the calling thread (the one that trains). */
    public static TrainingTime start() {
        return new TrainingTime();
    }

    /** Prints the timing line: the wall time since {@link #start()}, and the calling thread's CPU time since. */
    public void print() {
        System.err.printf("time: training %d ms, %d ms CPU on the training thread%n",
                (System.nanoTime() - startedNanos) / 1_000_000, (threadCpuNanos() - startedCpuNanos) / 1_000_000);
    }

    private static long threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0L;
    }
}
