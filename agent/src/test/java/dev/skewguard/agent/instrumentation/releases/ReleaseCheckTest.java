package dev.skewguard.agent.instrumentation.releases;

import static dev.skewguard.agent.instrumentation.releases.Requirement.field;
import static dev.skewguard.agent.instrumentation.releases.Requirement.method;
import static dev.skewguard.agent.instrumentation.releases.Requirement.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/** The check against the fixtures' class files (dev.skewguard.fixtures.releases), read as a loader's would be. */
class ReleaseCheckTest {
    static final String PKG = "dev.skewguard.fixtures.releases.";
    static final String ENGINE = PKG + "FakeEngine";
    static final String TURBO = PKG + "TurboEngine";
    static final String BATCH = PKG + "FakeBatch";

    private final TypePool pool = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(),
            ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()), TypePool.Default.ReaderMode.FAST);

    static SupportedReleases fake(Requirement... needs) {
        return SupportedReleases.of("Fake", "dev.fake", List.of("fake-core"), ENGINE, "1.0.0", "2.0.0",
                "Fake's rounds are not captured").needs(needs);
    }

    static SupportedReleases fitting() {
        return fake(type(BATCH), method(TURBO, "step", BATCH, "int"),
                method(TURBO, "predict", BATCH).returning("float[][]"), method(TURBO, "name"),
                field(TURBO, "inputs"));
    }

    @Test
    void aReleaseInTheRangeWithEveryMemberIsInstrumentedWithoutAWarning() {
        ReleaseCheck.Verdict verdict = ReleaseCheck.check(fitting(), "1.5.2", pool);
        assertEquals(ReleaseCheck.Kind.SUPPORTED, verdict.kind(), verdict.line());
        assertTrue(verdict.instrument());
        assertFalse(verdict.warns());
        assertEquals(List.of(), verdict.missing());
        assertEquals("Fake 1.5.2 (dev.fake:fake-core) is supported (1.0.0 to 2.0.0), with every class and member the "
                + "agent needs (5 checked)", verdict.line());
    }

    @Test
    void aMissingMethodIsOneLineNamingTheFrameworkReleaseRangeWhatIsLostAndWhatToDo() {
        ReleaseCheck.Verdict verdict = ReleaseCheck.check(fake(method(ENGINE, "update", BATCH, "int"),
                method(ENGINE, "step", BATCH, "int")), "1.5.2", pool);
        assertEquals(ReleaseCheck.Kind.DOES_NOT_FIT, verdict.kind());
        assertFalse(verdict.instrument(), "a release that does not fit gets no advice");
        assertTrue(verdict.warns());
        assertEquals(List.of(ENGINE + "#update(FakeBatch, int)"), verdict.missing());
        assertEquals("Fake 1.5.2 (dev.fake:fake-core) does not fit the agent: it lacks " + ENGINE
                + "#update(FakeBatch, int); Fake's rounds are not captured: use a release from 1.0.0 to 2.0.0, or "
                + "name the method that sees labels and predictions with "
                + "methods=Class#method:labels=argN,predictions=return", verdict.line());
        assertFalse(verdict.line().contains("\n"));
    }

    @Test
    void otherParametersAnotherReturnTypeAMissingFieldOrClassDoNotFit() {
        List<Requirement> wrong = List.of(method(ENGINE, "step", BATCH), method(ENGINE, "step", "int", BATCH),
                method(ENGINE, "predict", BATCH).returning("float[]"), field(ENGINE, "outputs"),
                type(PKG + "FakeTensor"), method(PKG + "FakeTensor", "shape"));
        for (Requirement requirement : wrong) {
            ReleaseCheck.Verdict verdict = ReleaseCheck.check(fake(requirement), "1.5.2", pool);
            assertEquals(ReleaseCheck.Kind.DOES_NOT_FIT, verdict.kind(), requirement.toString());
            assertEquals(List.of(requirement.toString()), verdict.missing());
        }
    }

    @Test
    void outsideTheRangeAReleaseThatFitsIsInstrumentedAndSaidToBeUntested() {
        ReleaseCheck.Verdict verdict = ReleaseCheck.check(fitting(), "2.1.0", pool);
        assertEquals(ReleaseCheck.Kind.UNTESTED, verdict.kind());
        assertTrue(verdict.instrument());
        assertTrue(verdict.warns());
        assertTrue(verdict.line().startsWith("Fake 2.1.0 (dev.fake:fake-core) is outside the supported releases "
                + "1.0.0 to 2.0.0: it has every class and member the agent needs, so it is instrumented, untested"),
                verdict.line());
    }

    @Test
    void outsideTheRangeAReleaseThatDoesNotFitSaysBoth() {
        ReleaseCheck.Verdict verdict = ReleaseCheck.check(fake(method(ENGINE, "update")), "0.9", pool);
        assertEquals(ReleaseCheck.Kind.DOES_NOT_FIT, verdict.kind());
        assertTrue(verdict.line().startsWith("Fake 0.9 (dev.fake:fake-core) is outside the supported releases "
                + "1.0.0 to 2.0.0 and does not fit the agent: it lacks " + ENGINE + "#update()"), verdict.line());
    }

    @Test
    void anUnknownReleaseThatFitsIsInstrumentedQuietlyOneThatDoesNotIsNot() {
        ReleaseCheck.Verdict fits = ReleaseCheck.check(fitting(), null, pool);
        assertEquals(ReleaseCheck.Kind.UNKNOWN_RELEASE, fits.kind());
        assertTrue(fits.instrument());
        assertFalse(fits.warns());

        ReleaseCheck.Verdict lacks = ReleaseCheck.check(fake(method(ENGINE, "update")), null, pool);
        assertEquals(ReleaseCheck.Kind.DOES_NOT_FIT, lacks.kind());
        assertTrue(lacks.line().startsWith("Fake (release unknown: no version for dev.fake:fake-core) does not fit"),
                lacks.line());
    }

    @Test
    void aLoaderWithoutTheKeyClassIsLeftAsItWas() {
        SupportedReleases absent = SupportedReleases.of("Fake", "dev.fake", List.of("fake-core"), PKG + "Nowhere",
                "1.0.0", "2.0.0", "nothing is captured").needs(method(ENGINE, "update"));
        ReleaseCheck.Verdict verdict = ReleaseCheck.check(absent, null, pool);
        assertEquals(ReleaseCheck.Kind.ABSENT, verdict.kind());
        assertTrue(verdict.instrument());
        assertFalse(verdict.warns());
    }

    @Test
    void theLineNamesThreeMissingMembersAndCountsTheRest() {
        ReleaseCheck.Verdict verdict = ReleaseCheck.check(fake(method(ENGINE, "a"), method(ENGINE, "b"),
                method(ENGINE, "c"), method(ENGINE, "d"), method(ENGINE, "e")), "1.0.0", pool);
        assertEquals(5, verdict.missing().size());
        assertTrue(verdict.line().contains("#c() and 2 more; "), verdict.line());
        assertFalse(verdict.line().contains("#d()"), verdict.line());
    }
}
