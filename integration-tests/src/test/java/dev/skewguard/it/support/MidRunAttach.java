package dev.skewguard.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A training JVM started without the agent and attached while it trains with the agent jar's own command, as a user
 * would: once the training's standard output shows that it trains, {@code java -jar skewguard-agent.jar attach <pid>
 * endpoint=...,job=...} runs as a child process (optionally {@code list} first). Then what every such run must show.
 *
 * <pre>{@code
 * MidRunAttach.Outcome o = MidRunAttach.run(training, line -> line.startsWith("epoch 1"), options, true);
 * JsonNode worker = MidRunAttach.assertAttached(o, report);
 * }</pre>
 */
public final class MidRunAttach {
    /** How long the training may take to show that it trains (a framework's natives load first). */
    private static final Duration UNTIL_TRAINING = Duration.ofSeconds(120);
    private static final Duration TRAINING = Duration.ofSeconds(180);
    private static final Duration COMMAND = Duration.ofSeconds(60);

    private MidRunAttach() {
    }

    /** What came of it: the attach command, the training, and {@code list} before and after (null: not run). */
    public record Outcome(long pid, ChildResult attach, ChildResult training, ChildResult list,
                          ChildResult listAfter) {
    }

    /**
     * Starts {@code training} (without the agent), waits for a stdout line that shows it trains, runs {@code list}
     * if asked, then {@code attach <pid> agentOptions} (and {@code list} again), and waits for the training's end.
     */
    public static Outcome run(ChildJvm training, Predicate<String> trains, String agentOptions, boolean list)
            throws Exception {
        try (ChildJvm.Running app = training.start()) {
            app.awaitStdout(trains, UNTIL_TRAINING);
            ChildResult listed = list ? command("list") : null;
            ChildResult attach = command("attach", Long.toString(app.pid()), agentOptions);
            ChildResult listedAfter = list ? command("list") : null;
            return new Outcome(app.pid(), attach, app.awaitExit(TRAINING), listed, listedAfter);
        }
    }

    /** {@code java -jar skewguard-agent.jar <args>} on the JDK that runs the tests. */
    public static ChildResult command(String... args) throws Exception {
        return ChildJvm.on(Jdk.current()).jar(ItPaths.agentJar()).args(args).run(COMMAND);
    }

    /**
     * The command attached (exit 0, its one INFO line), the training ended normally with no agent warning, {@code list}
     * (if run) showed the training's pid without the agent, then with it attached, and the job's report marks its one
     * worker attached with where its counts start in train mode. Returns that worker.
     */
    public static JsonNode assertAttached(Outcome o, JsonNode report) {
        String all = "--- attach\n" + o.attach().describe() + "\n--- training\n" + o.training().describe();
        assertEquals(0, o.attach().exitCode(), all);
        assertTrue(o.attach().stderr().contains("[skewguard] INFO attached to pid " + o.pid() + ": attached job="),
                all);
        assertEquals(List.of(), o.attach().agentWarnings(), all);
        assertEquals(0, o.training().exitCode(), all);
        assertEquals(List.of(), o.training().agentWarnings(), all);
        assertTrue(o.training().stderr().contains("(to a running JVM: it captures the batches from now on)"), all);
        if (o.list() != null) {
            assertListed(o.list(), o.pid(), "-");
            assertListed(o.listAfter(), o.pid(), "attached");
        }
        assertEquals(1, report.path("attached_workers").asInt(), report.toPrettyString());
        JsonNode worker = report.path("workers").path(0);
        assertTrue(worker.path("attached").asBoolean(), worker.toString());
        assertTrue(worker.path("counts_start").path("train").path("sequence").asLong() >= 1, worker.toString());
        return worker;
    }

    /** {@code list} exited 0 and showed {@code pid} with this SKEWGUARD column. */
    private static void assertListed(ChildResult list, long pid, String state) {
        assertEquals(0, list.exitCode(), list.describe());
        Pattern row = Pattern.compile("^" + pid + "\\s+" + Pattern.quote(state) + "\\s+\\S");
        assertTrue(list.stdoutLines().stream().anyMatch(l -> row.matcher(l).find()),
                "list shows pid " + pid + " as '" + state + "':\n" + list.describe());
    }

    /**
     * Counted labels of {@code mode}: some, and per class never more than the program ran (the batches before the
     * attach were not seen). Returns the total counted.
     */
    public static long assertCountedSomeOfWhatRan(JsonNode report, String mode, Map<Integer, Long> ran) {
        Map<Integer, Long> counted = Reports.classCounts(report, mode);
        long total = 0;
        for (Map.Entry<Integer, Long> c : counted.entrySet()) {
            long ranOfClass = ran.getOrDefault(c.getKey(), 0L);
            assertTrue(c.getValue() <= ranOfClass, mode + " class " + c.getKey() + ": counted " + c.getValue()
                    + " > ran " + ranOfClass + "; counted " + counted + ", ran " + ran);
            total += c.getValue();
        }
        long ranTotal = ran.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(total > 0 && total < ranTotal, mode + ": counted " + counted + " of ran " + ran
                + " (some, not all: the run began before the attach)");
        return total;
    }
}
