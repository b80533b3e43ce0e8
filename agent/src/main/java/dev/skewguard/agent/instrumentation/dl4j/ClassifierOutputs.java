package dev.skewguard.agent.instrumentation.dl4j;

/**
 * Which output layers are a classifier's, so that only their labels are captured: a regression head's targets
 * ([N, 1], continuous) are not classes. An output is a classifier's when its loss function is a classification
 * loss of ND4J (or a subclass of one), or, whatever the loss, when its activation is softmax. Everything else
 * (MSE, MAE, MAPE, MSLE, Poisson, cosine proximity, KLD, Wasserstein, mixture density, multi-label, and a sigmoid
 * or identity output under such a loss) is not captured. Decided by class names only, with no framework type, and
 * cached per loss-function class.
 */
public final class ClassifierOutputs {
    private static final String IMPL = "org.nd4j.linalg.lossfunctions.impl.";
    /** ND4J's classification losses; LossNegativeLogLikelihood and LossSparseMCXENT extend LossMCXENT. */
    private static final String[] CLASSIFICATION_LOSSES = {
        IMPL + "LossMCXENT",
        IMPL + "LossBinaryXENT",
        IMPL + "LossHinge",
        IMPL + "LossSquaredHinge",
        IMPL + "LossFMeasure",
    };
    private static final String SOFTMAX = "org.nd4j.linalg.activations.impl.ActivationSoftmax";

    private static final ClassValue<Boolean> CLASSIFICATION_LOSS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (String name : CLASSIFICATION_LOSSES) {
                    if (name.equals(c.getName())) {
                        return true;
                    }
                }
            }
            return false;
        }
    };

    private ClassifierOutputs() {
    }

    /** Whether an output with this loss function and activation is a classifier's (its labels are classes). */
    public static boolean isClassifier(Object lossFunction, Object activation) {
        if (lossFunction != null && CLASSIFICATION_LOSS.get(lossFunction.getClass())) {
            return true;
        }
        return activation != null && SOFTMAX.equals(activation.getClass().getName());
    }
}
