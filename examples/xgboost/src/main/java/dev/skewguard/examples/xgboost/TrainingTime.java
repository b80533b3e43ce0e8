package dev.skewguard.examples.xgboost;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** CPU time of the calling thread, for the timing line (steadier than wall time on a busy machine). */
final class TrainingTime {
    private TrainingTime() {
    }

    static long threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0L;
    }
}
