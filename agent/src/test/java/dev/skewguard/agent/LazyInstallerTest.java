package dev.skewguard.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.agent.config.AgentConfig;
import dev.skewguard.agent.instrumentation.AdviceRules;
import dev.skewguard.agent.instrumentation.Instrumentation;
import dev.skewguard.agent.instrumentation.LoadingClass;
import dev.skewguard.agent.report.StartupCost;
import java.lang.instrument.ClassFileTransformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyInstallerTest {
    /** Claims classes whose names end with "Trainer" or whose bytes mention "evaluate". */
    static final class FakeInstrumentation implements Instrumentation {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public void addRules(AdviceRules rules, AgentConfig config) {
        }

        @Override
        public boolean mayTransform(LoadingClass type) {
            return type.isNamed("fw/Trainer") || type.mentions("evaluate");
        }
    }

    static final byte[] TRANSFORMED = {42};

    final List<String> seen = new ArrayList<>();
    final AtomicInteger setUps = new AtomicInteger();
    final StartupCost cost = new StartupCost();
    final ClassFileTransformer real = new ClassFileTransformer() {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                                java.security.ProtectionDomain domain, byte[] bytes) {
            seen.add(className);
            return TRANSFORMED;
        }
    };

    final List<ClassFileTransformer> warmedUp = new ArrayList<>();

    LazyInstaller installer() {
        return new LazyInstaller(Set.of("fw."), List.of(new FakeInstrumentation()), null, () -> {
            setUps.incrementAndGet();
            return real;
        }, cost, warmedUp::add);
    }

    byte[] load(LazyInstaller lazy, String name, String bytes, Class<?> redefined) {
        return lazy.transform(null, getClass().getClassLoader(), name, redefined, null, bytes.getBytes());
    }

    @Test
    void setsUpOnTheFirstClassOfAPrefixThenForwardsOnlyWhatAnInstrumentationMayTransform() {
        LazyInstaller lazy = installer();
        assertNull(load(lazy, "app/Main", "evaluate", null), "before the set-up: names only, nothing matched");
        assertEquals(0, setUps.get());
        assertNull(load(lazy, "fw/Util", "nothing here", null), "sets up, but Util is no candidate");
        assertEquals(1, setUps.get());
        assertSame(TRANSFORMED, load(lazy, "fw/Trainer", "", null));
        assertSame(TRANSFORMED, load(lazy, "app/MyLoss", "..evaluate..", null), "any package, by its bytes");
        assertNull(load(lazy, "app/Other", "evaluat", null));
        assertSame(TRANSFORMED, load(lazy, "app/Other", "evaluat", String.class), "a redefinition always goes on");
        assertNull(load(lazy, "dev/skewguard/agent/X", "evaluate", null), "never the agent's own classes");
        assertEquals(List.of("fw/Trainer", "app/MyLoss", "app/Other"), seen);
        assertEquals(1, setUps.get(), "set up once");
        String said = cost.describe();
        assertTrue(said.contains("3 classes handed to the transformer (3 instrumented)"), said);
        assertTrue(said.contains("2 other classes tested"), "fw/Util and the first app/Other: " + said);
    }

    @Test
    void noSetUpNoCostToSay() {
        LazyInstaller lazy = installer();
        assertNull(load(lazy, "app/Main", "evaluate", null));
        assertNull(cost.describe());
    }

    @Test
    void warmsTheMachineryUpOnItsOwnThreadOnlyWhenTheClassThatSetItUpIsNotInstrumented() {
        LazyInstaller lazy = installer();
        assertNull(load(lazy, "fw/Util", "nothing here", null));
        assertEquals(List.of(real), warmedUp, "set up by a class it does not instrument: warm up beside it");
        assertNull(load(lazy, "fw/Other", "nothing here", null));
        assertSame(TRANSFORMED, load(lazy, "fw/Trainer", "", null));
        assertEquals(1, warmedUp.size(), "once");

        warmedUp.clear();
        LazyInstaller second = installer();
        assertSame(TRANSFORMED, load(second, "fw/Trainer", "", null));
        assertNull(load(second, "fw/Util", "nothing here", null));
        assertEquals(List.of(), warmedUp, "set up by a class it instruments at once: that thread warms it up");
    }
}
