package dev.skewguard.agent.instrumentation.djl;

import ai.djl.training.loss.AbstractCompositeLoss;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import dev.skewguard.agent.capture.BinaryColumn;
import java.lang.reflect.Field;

/**
 * What a DJL loss says of a one-output classifier's predictions: {@code SigmoidBinaryCrossEntropyLoss} reads logits
 * unless it was built {@code fromSigmoid} (then probabilities); a composite loss says what its first such component
 * says. A helper that names DJL types: defined beside DJL by {@link DjlHelpers}.
 */
final class DjlBinaryLoss {
    private static volatile Field fromSigmoid;

    private DjlBinaryLoss() {
    }

    /** How the loss reads a one-column output; UNKNOWN for any other loss, or null. */
    static BinaryColumn.Outputs outputs(Object loss) {
        SigmoidBinaryCrossEntropyLoss sigmoid = sigmoidLoss(loss, 0);
        if (sigmoid == null) {
            return BinaryColumn.Outputs.UNKNOWN;
        }
        Boolean probabilities = fromSigmoid(sigmoid);
        return probabilities == null ? BinaryColumn.Outputs.UNKNOWN
                : probabilities ? BinaryColumn.Outputs.PROBABILITIES : BinaryColumn.Outputs.LOGITS;
    }

    /** True if the loss is (or holds) a sigmoid binary cross-entropy: its labels are targets in [0, 1]. */
    static boolean isSigmoidLoss(Object loss) {
        return sigmoidLoss(loss, 0) != null;
    }

    private static SigmoidBinaryCrossEntropyLoss sigmoidLoss(Object loss, int depth) {
        if (loss instanceof SigmoidBinaryCrossEntropyLoss) {
            return (SigmoidBinaryCrossEntropyLoss) loss;
        }
        if (loss instanceof AbstractCompositeLoss && depth < 4) {
            for (Loss component : ((AbstractCompositeLoss) loss).getComponents()) {
                SigmoidBinaryCrossEntropyLoss found = sigmoidLoss(component, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The loss's private {@code fromSigmoid}, or null if this DJL has no such field. */
    private static Boolean fromSigmoid(SigmoidBinaryCrossEntropyLoss loss) {
        try {
            Field field = fromSigmoid;
            if (field == null) {
                field = SigmoidBinaryCrossEntropyLoss.class.getDeclaredField("fromSigmoid");
                field.setAccessible(true);
                fromSigmoid = field;
            }
            return field.getBoolean(loss);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
