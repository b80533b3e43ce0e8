package dev.skewguard.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Waits until this JVM's JIT compilers have gone quiet: a rate measured while they still compile is a cold JVM's
 * rate, and on 2 cores the compiler threads take a core from the code under test. The in-process ingest benchmark
 * runs gRPC with both its transports (the agents' OkHttp, the collector's Netty) and protobuf, and HotSpot was seen
 * compiling for up to 27 s before the rate settled: at 1 connection it rose from about 50 to about 150 M labels/s.
 */
final class JitWarmUp {
    /** Quiet: the compilers spent less than this share of one second's wall time compiling. */
    static final double QUIET_SHARE = 0.05;
    /** Consecutive quiet seconds that end the warm-up. */
    static final int QUIET_SECONDS = 2;

    private JitWarmUp() {
    }

    /** Waits for the JIT to go quiet, at most {@code maxSeconds} (the caller times the whole warm-up). */
    static void await(double maxSeconds) throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            Thread.sleep((long) (maxSeconds * 1000));
            return;
        }
        long deadline = start + (long) (maxSeconds * 1e9);
        int quiet = 0;
        long compiled = jit.getTotalCompilationTime();
        while (quiet < QUIET_SECONDS && System.nanoTime() - deadline < 0) {
            Thread.sleep(1000);
            long now = jit.getTotalCompilationTime();
            quiet = now - compiled < QUIET_SHARE * 1000 ? quiet + 1 : 0;
            compiled = now;
        }
    }
}
