package dev.skewguard.agent.instrumentation.dl4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossHinge;
import org.nd4j.linalg.lossfunctions.impl.LossKLD;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossMultiLabel;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;
import org.nd4j.linalg.lossfunctions.impl.LossPoisson;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossSquaredHinge;

/** Real ND4J loss functions and activations (constructing them needs no ND4J backend). */
class ClassifierOutputsTest {

    @Test
    void classificationLossesAreClassifiersWhateverTheActivation() {
        assertTrue(ClassifierOutputs.isClassifier(new LossMCXENT(), new ActivationSoftmax()));
        assertTrue(ClassifierOutputs.isClassifier(new LossMCXENT(), new ActivationIdentity()));
        assertTrue(ClassifierOutputs.isClassifier(new LossNegativeLogLikelihood(), new ActivationSoftmax()));
        assertTrue(ClassifierOutputs.isClassifier(new LossSparseMCXENT(), new ActivationSoftmax()));
        assertTrue(ClassifierOutputs.isClassifier(new LossBinaryXENT(), new ActivationSigmoid()));
        assertTrue(ClassifierOutputs.isClassifier(new LossHinge(), new ActivationIdentity()));
        assertTrue(ClassifierOutputs.isClassifier(new LossSquaredHinge(), new ActivationTanH()));
    }

    @Test
    void aUsersSubclassOfAClassificationLossIsAClassifier() {
        assertTrue(ClassifierOutputs.isClassifier(new LossMCXENT() {
        }, new ActivationSoftmax()));
    }

    @Test
    void regressionLossesAreNotClassifiersUnlessTheActivationIsSoftmax() {
        assertFalse(ClassifierOutputs.isClassifier(new LossMSE(), new ActivationIdentity()), "a regression head");
        assertFalse(ClassifierOutputs.isClassifier(new LossMSE(), new ActivationSigmoid()),
                "a regression of a value in [0, 1]");
        assertFalse(ClassifierOutputs.isClassifier(new LossMAE(), new ActivationIdentity()));
        assertFalse(ClassifierOutputs.isClassifier(new LossPoisson(), new ActivationIdentity()));
        assertFalse(ClassifierOutputs.isClassifier(new LossKLD(), new ActivationSigmoid()));
        assertFalse(ClassifierOutputs.isClassifier(new LossMultiLabel(), new ActivationIdentity()),
                "multi-label rows are not one class each");
        assertTrue(ClassifierOutputs.isClassifier(new LossMSE(), new ActivationSoftmax()),
                "softmax outputs are class probabilities whatever the loss");
    }

    @Test
    void nothingKnownIsNotAClassifier() {
        assertFalse(ClassifierOutputs.isClassifier(null, null));
        assertFalse(ClassifierOutputs.isClassifier(new Object(), new Object()));
        assertTrue(ClassifierOutputs.isClassifier(null, new ActivationSoftmax()));
    }
}
