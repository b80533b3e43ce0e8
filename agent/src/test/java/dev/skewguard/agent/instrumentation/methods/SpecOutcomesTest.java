package dev.skewguard.agent.instrumentation.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/** What the methods instrumentation says when a spec's class loads, and at exit. */
class SpecOutcomesTest {
    /** A class as a user's training code might have it. */
    abstract static class Loop {
        int[] step(int[] labels) {
            return labels;
        }

        void log(int[] labels) {
        }

        void log(int[] labels, int[] predicted) {
        }

        abstract int[] score(int[] labels);
    }

    private static final TypeDescription LOOP = TypeDescription.ForLoadedType.of(Loop.class);
    private final List<String> warnings = new ArrayList<>();

    private SpecOutcomes outcomes(String option) {
        List<MethodSpec> specs = MethodSpecParser.parse(option, w -> { throw new AssertionError(w); });
        return new SpecOutcomes(specs, warnings::add);
    }

    private static MethodDescription method(String name, int parameters) {
        return LOOP.getDeclaredMethods().filter(m -> m.getName().equals(name)
                && m.getParameters().size() == parameters).getOnly();
    }

    @Test
    void theMatcherAndItsReasonsAgree() {
        String loop = Loop.class.getName();
        SpecMethodMatch step = new SpecMethodMatch(MethodSpecParser.parseOne(loop + "#step:labels=arg0,"
                + "predictions=return"));
        assertTrue(step.matches(method("step", 1)));
        SpecMethodMatch logArg1 = new SpecMethodMatch(MethodSpecParser.parseOne(loop + "#log:labels=arg1"));
        assertEquals("it has 1 parameters but the spec reads arg1 (argN counts from 0)",
                logArg1.whyNot(method("log", 1)));
        assertFalse(logArg1.matches(method("log", 1)));
        assertNull(logArg1.whyNot(method("log", 2)));
        SpecMethodMatch logReturn = new SpecMethodMatch(MethodSpecParser.parseOne(loop + "#log:labels=return"));
        assertEquals("it returns void but the spec reads return", logReturn.whyNot(method("log", 2)));
        SpecMethodMatch score = new SpecMethodMatch(MethodSpecParser.parseOne(loop + "#score:labels=arg0"));
        assertEquals("it is abstract (name the class that implements it)", score.whyNot(method("score", 1)));
        SpecMethodMatch arity = new SpecMethodMatch(MethodSpecParser.parseOne(loop + "#log(3):labels=arg0"));
        assertEquals("it has 2 parameters, the spec says (3)", arity.whyNot(method("log", 2)));
    }

    @Test
    void aClassWithoutTheMethodOrWithArgNBeyondItsParametersIsOneWarningWhenItLoads() {
        String loop = Loop.class.getName();
        SpecOutcomes outcomes = outcomes(loop + "#stpe:labels=arg0;" + loop + "#log:labels=arg2;" + loop
                + "#step:labels=arg0,predictions=return;com.acme.Missing#run:labels=arg0");
        for (int i = 0; i < 3; i++) {
            outcomes.classLoaded(i, LOOP);
            outcomes.classLoaded(i, LOOP); // a second class loader: no second warning
        }
        assertEquals(2, warnings.size(), String.join("\n", warnings));
        assertTrue(warnings.get(0).startsWith("methods spec '" + loop + "#stpe:labels=arg0' matched no method: class "
                + loop + " declares no method stpe (it declares: "), warnings.get(0));
        assertTrue(warnings.get(0).contains("step"), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("; an inherited method is matched in the class that declares it); fix"
                + " the spec"), warnings.get(0));
        // Both overloads, each with its reason (in the order the class declares them).
        String log = warnings.get(1);
        assertTrue(log.startsWith("methods spec '" + loop + "#log:labels=arg2' matched no method: no method of "
                + loop + " fits: "), log);
        assertTrue(log.contains(loop + "#log([I)V: it has 1 parameters but the spec reads arg2 (argN counts from 0)"),
                log);
        assertTrue(log.contains(loop + "#log([I[I)V: it has 2 parameters but the spec reads arg2 (argN counts from"
                + " 0)"), log);
        assertTrue(log.endsWith("; fix the spec"), log);
        assertTrue(outcomes.anyMatched());

        List<String> atExit = outcomes.unmatched();
        assertEquals(3, atExit.size(), String.join("\n", atExit));
        assertTrue(atExit.get(0).startsWith("methods spec '" + loop + "#stpe:labels=arg0' matched no class or"
                + " method: class " + loop + " declares no method stpe"), atExit.get(0));
        assertEquals("methods spec 'com.acme.Missing#run:labels=arg0' matched no class or method: class"
                + " com.acme.Missing never loaded (check its name; a nested class is Outer$Inner)", atExit.get(2));
    }
}
