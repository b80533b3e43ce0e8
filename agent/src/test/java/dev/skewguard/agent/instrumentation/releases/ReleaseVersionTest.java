package dev.skewguard.agent.instrumentation.releases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseVersionTest {
    @Test
    void releasesOrderAsMavenOrdersThem() {
        List<String> ascending = List.of("0.28.0", "0.32.0", "0.35.1", "0.36.0", "1.0.0-alpha", "1.0.0-beta6",
                "1.0.0-beta7", "1.0.0-M1.1", "1.0.0-M2", "1.0.0-M2.1", "1.0.0-rc1", "1.0.0-SNAPSHOT", "1.0.0",
                "1.7.6", "2.0.3", "3.0.4", "3.0.10", "3.4.0");
        for (int i = 0; i + 1 < ascending.size(); i++) {
            ReleaseVersion lower = ReleaseVersion.parse(ascending.get(i));
            ReleaseVersion higher = ReleaseVersion.parse(ascending.get(i + 1));
            assertTrue(lower.compareTo(higher) < 0, lower + " < " + higher);
            assertTrue(higher.compareTo(lower) > 0, higher + " > " + lower);
        }
    }

    @Test
    void trailingZerosAndCaseDoNotCount() {
        assertEquals(0, ReleaseVersion.parse("1.0").compareTo(ReleaseVersion.parse("1.0.0")));
        assertEquals(0, ReleaseVersion.parse("1.0.0-m2.1").compareTo(ReleaseVersion.parse("1.0.0-M2.1")));
        assertTrue(ReleaseVersion.parse("1.0.1").compareTo(ReleaseVersion.parse("1.0")) > 0);
    }

    @Test
    void aRangeIncludesBothEndsAndNothingBeyond() {
        SupportedReleases dl4j = SupportedReleases.of("DL4J", "g", List.of("a"), "k", "1.0.0-beta7", "1.0.0-M2.1",
                "nothing is captured");
        assertTrue(dl4j.covers(ReleaseVersion.parse("1.0.0-beta7")));
        assertTrue(dl4j.covers(ReleaseVersion.parse("1.0.0-M1.1")));
        assertTrue(dl4j.covers(ReleaseVersion.parse("1.0.0-M2.1")));
        assertFalse(dl4j.covers(ReleaseVersion.parse("1.0.0-beta6")));
        assertFalse(dl4j.covers(ReleaseVersion.parse("1.0.0")));
        assertEquals("1.0.0-beta7 to 1.0.0-M2.1", dl4j.range());
    }
}
