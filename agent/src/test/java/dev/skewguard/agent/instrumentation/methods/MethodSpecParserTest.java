package dev.skewguard.agent.instrumentation.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.agent.capture.CaptureMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodSpecParserTest {

    @Test
    void parsesTheIssueExample() {
        List<String> warnings = new ArrayList<>();
        List<MethodSpec> specs = MethodSpecParser.parse("com.acme.Trainer#step:labels=arg0,predictions=return;"
                + "com.acme.Eval#score:labels=arg1,predictions=arg2,mode=eval", warnings::add);
        assertTrue(warnings.isEmpty(), warnings.toString());
        assertEquals(2, specs.size());
        MethodSpec step = specs.get(0);
        assertEquals("com.acme.Trainer", step.className());
        assertEquals("step", step.methodName());
        assertEquals(-1, step.arity());
        assertEquals(0, step.labels().argIndex());
        assertTrue(step.predictions().isReturn());
        assertEquals(CaptureMode.TRAIN, step.mode());
        assertTrue(step.usesReturn());
        MethodSpec score = specs.get(1);
        assertEquals(CaptureMode.EVAL, score.mode());
        assertEquals(3, score.minimumArity());
    }

    @Test
    void parameterCountStepAndNestedClasses() {
        MethodSpec s = MethodSpecParser.parseOne("com.acme.Outer$Loop#run(3):labels=arg1,step=arg0");
        assertEquals("com.acme.Outer$Loop", s.className());
        assertEquals(3, s.arity());
        assertNull(s.predictions());
        assertEquals(0, s.step().argIndex());
    }

    @Test
    void badEntriesAreReportedAndSkipped() {
        List<String> warnings = new ArrayList<>();
        List<MethodSpec> specs = MethodSpecParser.parse("nohash:labels=arg0;a.B#m:predictions=arg0;"
                + "a.B#m:labels=arg9x;a.B#m(1):labels=arg1;a.B#m:labels=arg0,job=x;a.B#ok:labels=return", warnings::add);
        assertEquals(1, specs.size());
        assertEquals("ok", specs.get(0).methodName());
        assertEquals(5, warnings.size(), String.join("\n", warnings));
        assertEquals("methods spec 'a.B#m:predictions=arg0' ignored: it has no labels=: add labels=argN or"
                + " labels=return (where the method's labels are)", warnings.get(1));
        assertTrue(warnings.get(0).contains("expected class#method:labels=argN|return"), warnings.get(0));
        assertTrue(warnings.get(2).contains("'arg9x' is not argN"), warnings.get(2));
        assertTrue(warnings.get(3).contains("uses arg1 but the method has 1 parameters (argN counts from 0)"),
                warnings.get(3));
        assertTrue(warnings.get(4).contains("unknown key 'job' (known: labels, predictions, mode, step)"),
                warnings.get(4));
    }

    @Test
    void garbageIsOneLineWithControlCharactersEscaped() {
        List<String> warnings = new ArrayList<>();
        List<MethodSpec> specs = MethodSpecParser.parse("what\u0007ever;;", warnings::add);
        assertTrue(specs.isEmpty());
        assertEquals(List.of("methods spec 'what\\u0007ever' ignored: expected class#method:labels=argN|return"
                + "[,predictions=argN|return], e.g. com.acme.Trainer#step:labels=arg0,predictions=return"), warnings);
    }
}
