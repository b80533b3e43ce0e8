package dev.skewguard.it.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skewguard.collector.options.Action;
import dev.skewguard.it.support.ChildJvm;
import dev.skewguard.it.support.ChildResult;
import dev.skewguard.it.support.InProcessCollector;
import dev.skewguard.it.support.ItPaths;
import dev.skewguard.it.support.Jdk;
import dev.skewguard.it.support.Reports;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code methods} option with one good spec and one of each mistake, written first in the agent argument (the
 * options after it still apply): each mistake is one warning, at start when the text shows it, when the class loads
 * when only the class shows it, and at exit for each spec that matched nothing; {@code debug=true} says which method
 * was instrumented and why the other was not; the good spec still captures, and the exit summary counts it.
 */
class MethodsSpecMistakesIT {
    private static final String CLASS = "dev.skewguard.examples.plain.SoftmaxRegression";
    private static final String GOOD = CLASS + "#trainBatch:labels=arg1,predictions=return";
    private static final String NO_LABELS = CLASS + "#evaluateBatch:predictions=return,mode=eval";
    private static final String GARBAGE = "garbage";
    private static final String NO_SUCH_METHOD = CLASS + "#evaluate:labels=arg0";
    private static final String ARG_BEYOND = CLASS + "#evaluateBatch:labels=arg5,mode=eval";
    private static final String NO_SUCH_CLASS = "com.acme.Missing#run:labels=arg0";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.skewguard.it.support.Jdk#all")
    void eachMistakeIsOneLineAndTheRestStillApplies(Jdk jdk) throws Exception {
        String[] args = {"--classes", "3", "--epochs", "2"};
        try (InProcessCollector collector = InProcessCollector.start(Action.LOG)) {
            String job = "spec-mistakes-" + jdk.toString().replace(' ', '-');
            String methods = String.join(";", GOOD, NO_LABELS, GARBAGE, NO_SUCH_METHOD, ARG_BEYOND, NO_SUCH_CLASS);
            ChildResult r = ChildJvm.on(jdk)
                    .agent("methods=" + methods + ",job=" + job + ",endpoint=http://" + collector.endpoint()
                            + ",flush_timeout=30,debug=true")
                    .jar(ItPaths.plainJar()).args(args).run(Duration.ofSeconds(90));
            assertEquals(0, r.exitCode(), r.describe());
            List<String> err = r.stderrLines();
            int attached = indexOf(err, "[skewguard] INFO agent ");
            assertTrue(err.get(attached).contains("job=" + job + " collector=" + collector.endpoint()), r.describe());

            // At start (before the attach line): what the text shows.
            assertTrue(indexOf(err, "[skewguard] WARN methods spec '" + NO_LABELS + "' ignored: it has no labels=: add"
                    + " labels=argN or labels=return") < attached, r.describe());
            assertTrue(indexOf(err, "[skewguard] WARN methods spec '" + GARBAGE + "' ignored: expected"
                    + " class#method:labels=argN|return") < attached, r.describe());
            // When the class loads: what only the class shows.
            assertTrue(indexOf(err, "[skewguard] WARN methods spec '" + NO_SUCH_METHOD + "' matched no method: class "
                    + CLASS + " declares no method evaluate (it declares: ") > attached, r.describe());
            assertTrue(indexOf(err, "[skewguard] WARN methods spec '" + ARG_BEYOND + "' matched no method: no method of "
                    + CLASS + " fits: " + CLASS + "#evaluateBatch([I[[D)[[D: it has 2 parameters but the spec reads"
                    + " arg5 (argN counts from 0); fix the spec") > attached, r.describe());
            // debug=true: which method was instrumented and why the other was not.
            indexOf(err, "[skewguard] DEBUG methods spec '" + GOOD + "': instrumented " + CLASS
                    + "#trainBatch([[D[I[D)[I");
            indexOf(err, "[skewguard] DEBUG methods spec '" + ARG_BEYOND + "': not instrumented " + CLASS
                    + "#evaluateBatch([I[[D)[[D: it has 2 parameters but the spec reads arg5");
            // debug=true: which instrumentations are on, and why the frameworks' instrumented nothing here.
            assertTrue(indexOf(err, "[skewguard] DEBUG instrumentation djl is on: it looks at classes whose names"
                    + " start with ") < attached, r.describe());
            indexOf(err, "[skewguard] DEBUG exit: djl instrumented nothing: no class whose name starts with ");
            indexOf(err, "[skewguard] DEBUG exit: dl4j instrumented nothing: no class whose name starts with ");
            // At exit: each spec that matched nothing, and what the good one captured.
            long trained = PlainExample.batches(r, "train");
            int summary = indexOf(err, "[skewguard] INFO exit: methods: " + trained + " batches captured, " + trained
                    + " sent, " + trained + " counted by the collector, 0 dropped");
            assertTrue(indexOf(err, "[skewguard] WARN exit: methods spec '" + NO_SUCH_METHOD + "' matched no class or"
                    + " method: class " + CLASS + " declares no method evaluate") > summary, r.describe());
            assertTrue(indexOf(err, "[skewguard] WARN exit: methods spec '" + ARG_BEYOND + "' matched no class or"
                    + " method: no method of " + CLASS + " fits") > summary, r.describe());
            assertTrue(indexOf(err, "[skewguard] WARN exit: methods spec '" + NO_SUCH_CLASS + "' matched no class or"
                    + " method: class com.acme.Missing never loaded") > summary, r.describe());
            assertEquals(7, r.agentWarnings().size(), "one warning per mistake, no more: " + r.describe());
            assertTrue(err.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")),
                    "no stack trace: " + r.describe());

            JsonNode report = collector.awaitReport(job, Reports::allSaidGoodbye, Duration.ofSeconds(20),
                    r.describe());
            assertEquals(trained, Reports.batchesCounted(report), report.toString());
            assertEquals(PlainExample.labels(r, "train"), Reports.classCounts(report, "train"), report.toString());
        }
    }

    /** The index of the first line that starts with the prefix; fails naming all lines if there is none. */
    static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with\n" + prefix + "\nin:\n" + String.join("\n", lines));
    }
}
