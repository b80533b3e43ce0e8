package dev.skewguard.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's own CPU per captured batch, one pair of runs' figure (issue 27's target 2), in microseconds: the CPU of
 * the agent's threads in the run with the agent (from /proc, {@link ThreadCpu.Group#AGENT}), plus the CPU the
 * training thread used with the agent less what it used without (the example's own figure, exact: its timing line
 * {@code time: training N ms, M ms CPU on the training thread}), over the batches the collector counted of the run.
 * Beside them, for information, what the JIT compilers used more with the agent, per batch likewise.
 */
record AgentCpuPerBatch(double agentThreadsMicros, double trainingThreadAddedMicros, double jitAddedMicros) {
    private static final Pattern TIMING_LINE = Pattern.compile(
            "^time: training \\d+ ms, (\\d+) ms CPU on the training thread$", Pattern.MULTILINE);

    /** The agent's threads and the training thread's added CPU together. */
    double totalMicros() {
        return agentThreadsMicros + trainingThreadAddedMicros;
    }

    /**
     * The figures from CPU seconds: the agent's threads', the training thread's with and without the agent (ms, as
     * the timing line gives them), the JIT compilers' difference, over {@code batches}.
     */
    static AgentCpuPerBatch of(double agentThreadSeconds, long trainingCpuMillisWith, long trainingCpuMillisWithout,
                               double jitAddedSeconds, long batches) {
        if (batches <= 0) {
            throw new IllegalArgumentException("no batches counted: " + batches);
        }
        double perBatch = 1e6 / batches;
        return new AgentCpuPerBatch(agentThreadSeconds * perBatch,
                (trainingCpuMillisWith - trainingCpuMillisWithout) / 1e3 * perBatch, jitAddedSeconds * perBatch);
    }

    /**
     * One pair's figures, or empty when a part is missing: a run's timing line, or its CPU by thread (read from
     * /proc, Linux only).
     */
    static Optional<AgentCpuPerBatch> of(TrainingPairs.Pair pair) {
        OptionalLong with = trainingThreadCpuMillis(pair.with().output());
        OptionalLong without = trainingThreadCpuMillis(pair.without().output());
        Map<ThreadCpu.Group, Double> cpuWith = pair.with().cpu();
        Map<ThreadCpu.Group, Double> cpuWithout = pair.without().cpu();
        if (with.isEmpty() || without.isEmpty() || cpuWith.isEmpty() || cpuWithout.isEmpty() || pair.counted() <= 0) {
            return Optional.empty();
        }
        return Optional.of(of(ThreadCpu.of(cpuWith, ThreadCpu.Group.AGENT), with.getAsLong(), without.getAsLong(),
                ThreadCpu.of(cpuWith, ThreadCpu.Group.JIT) - ThreadCpu.of(cpuWithout, ThreadCpu.Group.JIT),
                pair.counted()));
    }

    /** The training thread's CPU milliseconds from a run's last timing line, or empty if it printed none. */
    static OptionalLong trainingThreadCpuMillis(String output) {
        Matcher m = TIMING_LINE.matcher(output);
        OptionalLong last = OptionalLong.empty();
        while (m.find()) {
            last = OptionalLong.of(Long.parseLong(m.group(1)));
        }
        return last;
    }

    /**
     * A row of the table of target 2 over the pairs that have figures: {@code name}, pairs, batches counted per agent
     * run (min), the agent's threads, the training thread's added and the total (median of pairs, us per batch), the
     * total's range, the JIT compilers' added, and the verdict against {@code targetMicros} (with the number of pairs
     * that did not count, if any).
     */
    static Object[] tableRow(String name, List<AgentCpuPerBatch> pairs, long minCounted, double targetMicros,
                             int pairsNotCounted) {
        String notCounted = pairsNotCounted > 0 ? " (" + pairsNotCounted + " pairs not counted)" : "";
        if (pairs.isEmpty()) {
            return new Object[] {name, 0, "-", "-", "-", "-", "-", "-", "NOT MEASURED" + notCounted};
        }
        List<Double> totals = pairs.stream().map(AgentCpuPerBatch::totalMicros).toList();
        double total = Stats.median(totals);
        return new Object[] {name, pairs.size(), minCounted,
                Stats.fmt(Stats.median(pairs.stream().map(AgentCpuPerBatch::agentThreadsMicros).toList()), 2),
                Stats.fmt(Stats.median(pairs.stream().map(AgentCpuPerBatch::trainingThreadAddedMicros).toList()), 2),
                Stats.fmt(total, 2),
                Stats.fmt(Stats.percentile(totals, 0), 2) + " .. " + Stats.fmt(Stats.max(totals), 2),
                Stats.fmt(Stats.median(pairs.stream().map(AgentCpuPerBatch::jitAddedMicros).toList()), 2),
                "<= " + Stats.fmt(targetMicros, 0) + " us: " + (total <= targetMicros ? "met" : "MISSED") + notCounted};
    }
}
