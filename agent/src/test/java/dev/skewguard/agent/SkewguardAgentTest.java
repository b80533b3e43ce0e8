package dev.skewguard.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The entry point reads the bootstrap option itself, with the precedence every option has. */
class SkewguardAgentTest {

    @Test
    void theAgentArgumentSaysFirst() {
        assertTrue(SkewguardAgent.bootstrapWanted(null), "the default");
        assertTrue(SkewguardAgent.bootstrapWanted("endpoint=h:1,job=j"));
        assertFalse(SkewguardAgent.bootstrapWanted("endpoint=h:1,bootstrap=false,job=j"));
        assertFalse(SkewguardAgent.bootstrapWanted("BOOTSTRAP = FALSE "));
        for (String no : new String[] {"off", "no", "0"}) {
            assertFalse(SkewguardAgent.bootstrapWanted("bootstrap=" + no), "as the configuration reads " + no);
            assertFalse(dev.skewguard.agent.config.ConfigLoader.load("bootstrap=" + no, java.util.Set.of(),
                    java.util.Set.of()).bootstrap(), "the configuration agrees for " + no);
        }
        assertTrue(SkewguardAgent.bootstrapWanted("bootstrap=maybe"), "not a boolean: the default (and a warning later)");
        assertTrue(SkewguardAgent.bootstrapWanted("methods=a.B#m:labels=arg0,predictions=return,bootstrap=true"));
    }

    @Test
    void thenTheSystemProperty() {
        System.setProperty("skewguard.bootstrap", "false");
        try {
            assertFalse(SkewguardAgent.bootstrapWanted("job=j"));
            assertTrue(SkewguardAgent.bootstrapWanted("bootstrap=true"), "the agent argument wins");
        } finally {
            System.clearProperty("skewguard.bootstrap");
        }
    }
}
