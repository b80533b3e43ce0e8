package dev.skewguard.agent.instrumentation.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A run copied before the collector said which names its rule reads: which tensors are worth holding, and how the
 * names known later pick the labels and predictions out of it.
 */
class TfHeldRunsTest {
    private static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.nativeOrder());
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    @Test
    void numbersOfRankOneOrTwoAreWorthHoldingScalarsStringsAndImagesAreNot() {
        assertTrue(TfHeldRuns.worthHolding(TfTensorValues.DT_INT32, new long[] {32}));
        assertTrue(TfHeldRuns.worthHolding(TfTensorValues.DT_FLOAT, new long[] {32, 4}));
        assertFalse(TfHeldRuns.worthHolding(TfTensorValues.DT_FLOAT, new long[] {}), "a scalar loss");
        assertFalse(TfHeldRuns.worthHolding(7, new long[] {32}), "DT_STRING");
        assertFalse(TfHeldRuns.worthHolding(TfTensorValues.DT_FLOAT, new long[] {32, 28, 28}), "images");
        assertFalse(TfHeldRuns.worthHolding(TfTensorValues.DT_FLOAT, new long[] {1L << 30, 64}), "above the copy bound");
    }

    @Test
    void theNamesKnownLaterPickTheLabelsAndPredictionsOfAHeldRun() {
        TfRun run = TfRun.add(null, "features:0", 0, TfTensorValues.DT_INT32, new long[] {2, 2}, ints(1, 2, 3, 4));
        run = TfRun.add(run, "y_true:0", 0, TfTensorValues.DT_INT32, new long[] {2}, ints(1, 0));
        run = TfRun.add(run, "y_pred:0", 0, TfTensorValues.DT_INT32, new long[] {2}, ints(1, 1));
        assertEquals(32, run.bytes());

        TfNameSelection collectors = new TfNameSelection(Pattern.compile("^y_true:0$"), Pattern.compile("^y_pred:0$"),
                "the collector", 1);
        TfRun picked = run.reselect(collectors);
        assertEquals(List.of("y_true:0"), picked.labels().stream().map(TfRun.Copied::name).toList());
        assertEquals(List.of("y_pred:0"), picked.predictions().stream().map(TfRun.Copied::name).toList());

        TfNameSelection defaults = new TfNameSelection(Pattern.compile(".*labels"), Pattern.compile(".*predictions"),
                "the agent's defaults", 0);
        assertNull(run.reselect(defaults), "the agent's defaults match none of these names");
    }
}
