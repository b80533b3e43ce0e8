package dev.skewguard.agent.instrumentation.tensorflow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The names that set byte-buddy up for TensorFlow: the class its advice goes into and the interface every graph
 * loads, but not TensorFlow's protocol classes, which ND4J (and others) bundle under {@code org.tensorflow.}.
 */
class TensorflowPrefixesTest {

    private static boolean triggers(String binaryName) {
        for (String prefix : TensorflowInstrumentation.PREFIXES) {
            if (binaryName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theInstrumentedClassAndTheFirstClassOfEveryGraphSetItUp() {
        assertTrue(triggers("org.tensorflow.Session$Runner"), "the class the advice goes into");
        assertTrue(triggers("org.tensorflow.Session"));
        assertTrue(triggers("org.tensorflow.ExecutionEnvironment"), "loaded with every Graph and EagerSession");
    }

    @Test
    void protocolClassesBundledByOtherLibrariesDoNot() {
        assertFalse(triggers("org.tensorflow.framework.DataType"), "nd4j-api 1.0.0-M2.1 carries these");
        assertFalse(triggers("org.tensorflow.framework.GraphDef"));
        assertFalse(triggers("org.tensorflow.proto.framework.GraphDef"));
        assertFalse(triggers("org.tensorflow.util.Event"));
        assertFalse(triggers("org.tensorflow.distruntime.CloseSessionRequest"), "not a Session: a message about one");
    }
}
