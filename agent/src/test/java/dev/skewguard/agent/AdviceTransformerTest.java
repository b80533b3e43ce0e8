package dev.skewguard.agent;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.agent.instrumentation.AdviceRules;
import dev.skewguard.agent.report.MatchedTypes;
import dev.skewguard.fixtures.AdvisedTarget;
import dev.skewguard.fixtures.RecordingAdvice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdviceTransformerTest {
    static final String TARGET = AdvisedTarget.class.getName();
    static final String INTERNAL = TARGET.replace('.', '/');
    static final String ADVICE = RecordingAdvice.class.getName();

    final AdviceRules rules = new AdviceRules();
    final MatchedTypes matched = new MatchedTypes();
    final ClassLoader loader = getClass().getClassLoader();

    @BeforeEach
    void clear() {
        RecordingAdvice.ENTERED.clear();
        matched.add("fixtures", Set.of("dev.skewguard.fixtures."));
    }

    static byte[] classFile() throws IOException {
        try (InputStream in = AdvisedTarget.class.getResourceAsStream("AdvisedTarget.class")) {
            return in.readAllBytes();
        }
    }

    byte[] transform(AdviceTransformer transformer) throws IOException {
        return transformer.transform(null, loader, INTERNAL, null, null, classFile());
    }

    /** Defines the bytes as the target class in a loader of its own and calls both of its methods. */
    static void run(byte[] bytes) throws Exception {
        Class<?> type = new ClassLoader(AdviceTransformerTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(TARGET, bytes, 0, bytes.length);
            }
        }.define();
        Object target = type.getDeclaredConstructor().newInstance();
        assertEquals(42, type.getMethod("work", int.class).invoke(target, 41), "the method still does its work");
        assertEquals(8, type.getMethod("twice", int.class).invoke(null, 4));
    }

    @Test
    void inlinesTheAdviceIntoTheMethodsOfTheMatchedTypeOnly() throws Exception {
        List<TypeDescription> told = new ArrayList<>();
        rules.type(named(TARGET)).whenMatched(told::add).advice(named("work"), ADVICE);
        byte[] transformed = transform(new AdviceTransformer(rules.rules(), matched));
        assertNotNull(transformed);
        run(transformed);
        assertEquals(List.of("work"), RecordingAdvice.ENTERED);
        assertEquals(TARGET, told.get(0).getName(), "the rule's listener is told of the type");
        assertTrue(matched.matched("fixtures"), "the instrumented class is credited to its instrumentation");
    }

    @Test
    void everyMatchingRuleAddsItsAdviceButSyntheticMethodsGetNone() throws Exception {
        rules.type(named(TARGET)).advice(named("work"), ADVICE);
        rules.type(named(TARGET)).advice(named("twice"), ADVICE);
        rules.type(named(TARGET)).advice(named("work"), ADVICE);
        rules.type(named("some.OtherType")).advice(any(), ADVICE);
        run(transform(new AdviceTransformer(rules.rules(), matched)));
        assertEquals(List.of("work", "work", "twice"), RecordingAdvice.ENTERED,
                "both rules' advice on work, none on the lambda body work calls");
        rules.type(named(TARGET)).advice(any(), ADVICE);
        RecordingAdvice.ENTERED.clear();
        run(transform(new AdviceTransformer(rules.rules(), matched)));
        assertTrue(RecordingAdvice.ENTERED.stream().noneMatch(m -> m.startsWith("lambda$")), RecordingAdvice.ENTERED
                .toString());
        assertTrue(RecordingAdvice.ENTERED.contains("<init>"), "constructors are advised like any declared method");
    }

    @Test
    void leavesAClassNoRuleMatchesAndAClassOfAnotherLoaderAlone() throws Exception {
        rules.type(named("some.OtherType")).advice(any(), ADVICE);
        rules.type(named(TARGET), none()).advice(any(), ADVICE);
        AdviceTransformer transformer = new AdviceTransformer(rules.rules(), matched);
        assertNull(transform(transformer));
        assertNull(transformer.transform(null, null, INTERNAL, null, null, classFile()), "the bootstrap loader's");
        assertNull(transformer.transform(null, loader, "dev/skewguard/agent/Anything", null, null, classFile()),
                "the agent's own classes");
        assertTrue(!matched.matched("fixtures"));
    }

    @Test
    void aClassItCannotInstrumentStaysAsItWasWithOneWarningForTheFirst() throws Exception {
        rules.type(named(TARGET)).advice(named("work"), "dev.skewguard.fixtures.NoSuchAdvice");
        AdviceTransformer transformer = new AdviceTransformer(rules.rules(), matched);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertNull(transform(transformer));
            assertNull(transform(transformer));
        } finally {
            System.setErr(previous);
        }
        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.lines().count(), said);
        assertTrue(said.startsWith("[skewguard] WARN could not instrument " + TARGET + " ("), said);
        assertTrue(said.contains("it runs unchanged"), said);
    }

    @Test
    void aClassLoadedWhileItTransformsOnTheSameThreadIsLeftAlone() throws Exception {
        List<byte[]> nested = new ArrayList<>();
        AdviceTransformer[] self = new AdviceTransformer[1];
        rules.type(named(TARGET)).whenMatched(type -> {
            try {
                nested.add(self[0].transform(null, loader, INTERNAL, null, null, classFile()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).advice(named("work"), ADVICE);
        self[0] = new AdviceTransformer(rules.rules(), matched);
        assertNotNull(transform(self[0]));
        assertEquals(1, nested.size());
        assertNull(nested.get(0), "the nested call returns the class unchanged");
    }

    @Test
    void matchesALoadedClassForRetransformation() {
        rules.type(named(TARGET)).advice(named("work"), ADVICE);
        AdviceTransformer transformer = new AdviceTransformer(rules.rules(), matched);
        assertTrue(transformer.matches(AdvisedTarget.class));
        assertTrue(!transformer.matches(String.class), "a JDK class never");
        assertTrue(!transformer.matches(RecordingAdvice.class), "a type no rule names");
    }

    @Test
    void warmsTheAdviceMachineryUpOnAClassOfItsOwnAndCreditsNoInstrumentation() {
        AdviceTransformer transformer = new AdviceTransformer(rules.rules(), matched);
        assertTrue(transformer.warmUp(AdviceWarmUp.rules(), AdviceWarmUp.Target.class.getName()),
                "both probes inline into the warm-up's target");
        assertTrue(!matched.matched("fixtures"));
        assertTrue(!transformer.warmUp(AdviceWarmUp.rules(), "dev.skewguard.agent.NoSuchClass"),
                "a warm-up that cannot run says so, and throws nothing");
    }
}
