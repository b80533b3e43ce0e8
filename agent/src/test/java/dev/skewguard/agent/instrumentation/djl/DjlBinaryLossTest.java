package dev.skewguard.agent.instrumentation.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SimpleCompositeLoss;
import dev.skewguard.agent.capture.BinaryColumn;
import org.junit.jupiter.api.Test;

/** What DJL's own loss objects say of a one-output classifier's predictions. */
class DjlBinaryLossTest {
    @Test
    void sigmoidBinaryCrossEntropyReadsLogitsByDefault() {
        Loss loss = Loss.sigmoidBinaryCrossEntropyLoss();
        assertEquals(BinaryColumn.Outputs.LOGITS, DjlBinaryLoss.outputs(loss));
        assertTrue(DjlBinaryLoss.isSigmoidLoss(loss));
    }

    @Test
    void builtFromSigmoidItReadsProbabilities() {
        assertEquals(BinaryColumn.Outputs.PROBABILITIES,
                DjlBinaryLoss.outputs(new SigmoidBinaryCrossEntropyLoss("loss", 1f, true)));
    }

    @Test
    void aCompositeSaysWhatItsSigmoidComponentSays() {
        Loss composite = new SimpleCompositeLoss("both")
                .addLoss(Loss.l2Loss())
                .addLoss(new SigmoidBinaryCrossEntropyLoss("bce", 1f, true));
        assertEquals(BinaryColumn.Outputs.PROBABILITIES, DjlBinaryLoss.outputs(composite));
    }

    @Test
    void anyOtherLossOrNoneIsUnknown() {
        assertEquals(BinaryColumn.Outputs.UNKNOWN, DjlBinaryLoss.outputs(Loss.l2Loss()));
        assertEquals(BinaryColumn.Outputs.UNKNOWN, DjlBinaryLoss.outputs(null));
        assertFalse(DjlBinaryLoss.isSigmoidLoss(Loss.softmaxCrossEntropyLoss()));
    }
}
