package dev.skewguard.agent.report;

import dev.skewguard.agent.AgentLog;
import dev.skewguard.agent.capture.BatchCounts;
import dev.skewguard.agent.capture.BatchQueue;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's lines at JVM exit, after the sender's flush:
 * <ul>
 *   <li>one INFO line per instrumentation that instrumented a class or captured a batch: batches captured, sent,
 *   counted by the collector, dropped (none for one that captures nothing itself, such as Spark's);</li>
 *   <li>the batches dropped because the buffer was full, in all;</li>
 *   <li>the batches the collector did not confirm, and why (a WARN line unless a warning already said why);</li>
 *   <li>each instrumentation's own exit warnings (a {@code methods} spec that matched no class or method);</li>
 *   <li>with {@code debug=true}, each enabled instrumentation that instrumented nothing, and why, and what the
 *   instrumentation cost the application's threads ({@link StartupCost}).</li>
 * </ul>
 */
public final class ExitSummary {
    private final BatchQueue queue;
    private final List<String> instrumentations;
    private final MatchedTypes matched;
    private final Supplier<List<String>> warnings;
    private final Consumer<String> info;
    private final Consumer<String> warn;
    private final Consumer<String> debug;
    private final StartupCost cost;

    /**
     * @param instrumentations the enabled instrumentations' names, in order
     * @param warnings         the instrumentations' exit warnings, asked for at exit
     */
    public ExitSummary(BatchQueue queue, List<String> instrumentations, MatchedTypes matched,
                       Supplier<List<String>> warnings, StartupCost cost) {
        this(queue, instrumentations, matched, warnings, cost, AgentLog.INFO, AgentLog.WARN, AgentLog.DEBUG);
    }

    ExitSummary(BatchQueue queue, List<String> instrumentations, MatchedTypes matched,
                Supplier<List<String>> warnings, StartupCost cost, Consumer<String> info, Consumer<String> warn,
                Consumer<String> debug) {
        this.queue = queue;
        this.instrumentations = List.copyOf(instrumentations);
        this.matched = matched;
        this.warnings = warnings;
        this.info = info;
        this.warn = warn;
        this.debug = debug;
        this.cost = cost;
    }

    /**
     * Prints the lines. {@code flushRan}: whether the sender registered an exit flush (it does on the first captured
     * batch); {@code outcome}: how it ended.
     */
    public void print(FlushOutcome outcome, boolean flushRan) {
        try {
            BatchCounts counts = queue.counts();
            Map<String, BatchCounts.Tally> tallies = counts.byInstrumentation();
            for (String name : instrumentations) {
                BatchCounts.Tally t = tallies.get(name);
                if (t == null && !matched.matched(name)) {
                    debug.accept("exit: " + name + " instrumented nothing: no class whose name starts with "
                            + String.join(", ", matched.prefixesOf(name)) + " loaded with a method it instruments");
                    continue;
                }
                if (t == null && !matched.capturesBatches(name)) {
                    continue; // instrumented, as it should, and never meant to capture
                }
                long captured = t == null ? 0 : t.capturedCount();
                info.accept("exit: " + name + ": " + captured + " batches captured, "
                        + (t == null ? 0 : t.sentCount()) + " sent, " + (t == null ? 0 : t.countedCount())
                        + " counted by the collector, " + (t == null ? 0 : t.droppedCount()) + " dropped");
            }
            long full = queue.droppedFull();
            if (full > 0) {
                info.accept("exit: " + full + " captured batches were dropped because the buffer (buffer="
                        + queue.capacity() + ") was full");
            }
            long unconfirmed = counts.unconfirmed();
            if (unconfirmed > 0) {
                String why = outcome.why() != null ? outcome.why()
                        : flushRan ? "the sender ended before the collector confirmed them"
                        : "the sender did not run";
                String line = "exit: " + unconfirmed + " captured batches were not confirmed by the collector: "
                        + why;
                if (outcome.alreadyWarned()) {
                    info.accept(line);
                } else {
                    warn.accept(line);
                }
            }
            for (String line : warnings.get()) {
                warn.accept("exit: " + line);
            }
            String spent = cost.describe();
            if (spent != null) {
                debug.accept("exit: " + spent);
            }
        } catch (Throwable t) {
            // the report must never fail the JVM's exit
        }
    }
}
