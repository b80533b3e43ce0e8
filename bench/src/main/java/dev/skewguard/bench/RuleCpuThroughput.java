package dev.skewguard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The rule's throughput in labels per CPU-second of the evaluating thread, on the records of
 * {@link ClassImbalanceRuleBenchmark}. JMH measures wall-clock time, which on a shared, loaded machine also counts
 * the time other processes hold the core; this harness divides by the thread's own CPU time instead. Run:
 * {@code java -cp bench/target/skewguard-benchmarks.jar dev.skewguard.bench.RuleCpuThroughput [rounds]}.
 */
public final class RuleCpuThroughput {
    private static final int RECORDS_PER_ROUND = 2_000_000;

    private RuleCpuThroughput() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String variant : new String[] {"uint8ClassIds", "float32ScoresArgmax"}) {
            ClassImbalanceRuleBenchmark state = new ClassImbalanceRuleBenchmark();
            state.setUp();
            long sink = 0;
            int perRound = variant.equals("uint8ClassIds") ? RECORDS_PER_ROUND : RECORDS_PER_ROUND / 20;
            for (int round = 0; round < rounds; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < perRound; i++) {
                    Object finding = variant.equals("uint8ClassIds") ? state.uint8ClassIds()
                            : state.float32ScoresArgmax();
                    sink += finding.hashCode();
                }
                long cpuNanos = threads.getCurrentThreadCpuTime() - start;
                double labelsPerCpuSecond = (double) perRound * ClassImbalanceRuleBenchmark.BATCH / cpuNanos * 1e9;
                System.out.printf("%s round %d: %.0f million labels per CPU-second%s%n", variant, round + 1,
                        labelsPerCpuSecond / 1e6, round < 2 ? " (warm-up)" : "");
            }
            if (sink == 42) {
                System.out.println();
            }
        }
    }
}
