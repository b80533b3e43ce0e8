package dev.skewguard.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skewguard.collector.report.ReportSchema;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code evaluate} replays a recorded run through serve's stop decision: the report's {@code stop_decision} and one
 * line on standard error say when serve would have acted; the exit status still follows the rule's first trigger.
 */
class EvaluatePatienceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One JSON line: 99 labels of class 0 and one of class 1, as labels only. */
    private static String skewedLine(long step) {
        List<String> values = new ArrayList<>(Collections.nCopies(99, "0"));
        values.add("1");
        return "{\"step\": " + step + ", \"mode\": \"train\", \"tensors\": {\"x/labels\": ["
                + String.join(", ", values) + "]}}";
    }

    private static String[] evaluate(String input, String... args) {
        CommandLine cl = CollectorMain.commandLine(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    private static String lines(int records) {
        StringBuilder s = new StringBuilder();
        for (int step = 1; step <= records; step++) {
            s.append(skewedLine(step)).append('\n');
        }
        return s.toString();
    }

    @Test
    void theReportSaysWhenServeWouldHaveStopped() throws Exception {
        String[] r = evaluate(lines(20), "evaluate", "-");
        assertEquals("1", r[0], r[2]);
        JsonNode json = ReportSchema.validated(r[1]);
        assertEquals(5, json.get("finding").get("step").asLong(), "the first trigger: the gate of 500 labels");
        assertEquals(500, json.get("finding").get("labels").asLong());
        JsonNode decision = json.get("stop_decision");
        assertTrue(decision.get("decided").asBoolean(), decision.toString());
        assertEquals(15, decision.get("step").asLong(), "1,000 labels later (--patience-imbalance 1000)");
        assertEquals(1500, decision.get("labels").asLong());
        assertEquals(1000, decision.get("held_labels").asLong());
        assertEquals(1000, decision.get("patience_imbalance").asLong());
        assertEquals(20000, decision.get("patience_misprediction").asLong());
        assertEquals(0, json.get("data_errors").asLong(), "labels without predictions are counted");
        assertTrue(r[2].contains("ClassImbalance: stop decision: ClassImbalance: imbalance ratio 99.0 > 10.0"), r[2]);
        assertTrue(r[2].contains("imbalance held over 1,000 train labels since train step 5; first trigger at train"
                + " step 5"), r[2]);
    }

    @Test
    void aTriggerThatDidNotHoldLongEnoughIsSaidAndStillExitsOne() throws Exception {
        String[] r = evaluate(lines(20), "evaluate", "--patience-imbalance", "5000", "-");
        assertEquals("1", r[0], "the exit status follows the first trigger: " + r[2]);
        JsonNode decision = ReportSchema.validated(r[1]).get("stop_decision");
        assertFalse(decision.get("decided").asBoolean());
        assertTrue(decision.get("step").isNull());
        assertEquals(1500, decision.get("holding").get(0).get("held_labels").asLong());
        assertTrue(r[2].contains("ClassImbalance: no stop decision: no check kept firing over its patience "
                + "(--patience-imbalance 5000, --patience-misprediction 20000)"), r[2]);
    }

    @Test
    void patienceZeroDecidesAtTheFirstTrigger() throws Exception {
        String[] r = evaluate(lines(6), "evaluate", "--patience-imbalance", "0", "-");
        JsonNode decision = ReportSchema.validated(r[1]).get("stop_decision");
        assertTrue(decision.get("decided").asBoolean());
        assertEquals(5, decision.get("step").asLong());
        assertEquals(0, decision.get("held_labels").asLong());
    }
}
