package dev.skewguard.agent;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.agent.instrumentation.AdviceRules;
import dev.skewguard.agent.report.MatchedTypes;
import dev.skewguard.fixtures.AdvisedTarget;
import dev.skewguard.fixtures.RecordingAdvice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentInstallerTest {
    @Test
    void aLateAttachRetransformsTheLoadedClassesARuleMatchesAndSaysInOneLineWhichOneItCouldNot() {
        AdviceRules rules = new AdviceRules();
        rules.type(named(AdvisedTarget.class.getName())).advice(named("work"), RecordingAdvice.class.getName());
        List<Class<?>> asked = new ArrayList<>();
        Instrumentation inst = (Instrumentation) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getAllLoadedClasses":
                            return new Class<?>[] {String.class, AdvisedTarget.class, RecordingAdvice.class};
                        case "isModifiableClass":
                            return true;
                        case "retransformClasses":
                            asked.add(((Class<?>[]) args[0])[0]);
                            throw new UnmodifiableClassException("not here");
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            AgentInstaller.retransform(inst, new AdviceTransformer(rules.rules(), new MatchedTypes()));
        } finally {
            System.setErr(previous);
        }
        assertEquals(List.of(AdvisedTarget.class), asked, "only the class a rule matches");
        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.lines().count(), said);
        assertTrue(said.startsWith("[skewguard] WARN could not instrument the loaded class "
                + AdvisedTarget.class.getName() + " ("), said);
        assertTrue(said.contains("not here") && said.strip().endsWith("it runs unchanged"), said);
    }
}
